const euro = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** 123456 cents → « 1 234,56 € » (narrow no-break spaces as French typography wants). */
export function formatEuros(cents: number): string {
  return euro.format(cents / 100);
}

/** ISO date `2027-12-31` → `31/12/2027`. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'short',
  timeStyle: 'short',
});

/** A timestamp as a user in France reads it: `31/12/2027 14:05`. */
export function formatDateTime(value: string | Date): string {
  return dateTime.format(typeof value === 'string' ? new Date(value) : value).replace(',', '');
}
