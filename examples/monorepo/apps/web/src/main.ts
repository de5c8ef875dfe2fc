// Storefront entry: renders the product list from the search API through the gateway.
interface Product {
  sku: string;
  title: string;
  price_cents: number;
}

const euros = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });

async function loadProducts(query: string): Promise<Product[]> {
  const res = await fetch(`/api/search/search?q=${encodeURIComponent(query)}`);
  if (res.status === 404) return [];
  if (!res.ok) throw new Error(`search failed with ${res.status}`);
  return res.json();
}

function render(products: Product[]): void {
  const list = document.querySelector('#products')!;
  list.innerHTML = products.map((p) => `<li>${p.title} <b>${euros.format(p.price_cents / 100)}</b></li>`).join('');
}

loadProducts('cup').then(render).catch((err) => console.error(err));
