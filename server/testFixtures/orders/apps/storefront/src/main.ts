const PAGE_SIZE = 24;

export async function loadOrders(page = 1): Promise<unknown[]> {
  const res = await fetch(`/api/orders?page=${page}&size=${PAGE_SIZE}`);
  return res.ok ? res.json() : [];
}
