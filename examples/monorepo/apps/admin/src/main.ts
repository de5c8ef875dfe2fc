// Back office entry: lists the latest invoices.
interface Invoice {
  id: string;
  customer: string;
  amountCents: number;
}

async function latestInvoices(): Promise<Invoice[]> {
  const res = await fetch('/api/billing/invoices');
  if (!res.ok) throw new Error(`billing answered ${res.status}`);
  const all: Invoice[] = await res.json();
  return all.slice(-20).reverse();
}

latestInvoices().then((invoices) => {
  document.querySelector('#invoices')!.textContent = invoices.map((i) => `${i.id} ${i.customer}`).join('\n');
});
