import { capitalizePrenom, formatDateTime, formatEuros } from '@statutis/domain';

/** French plural: 0 and 1 take the singular (« 0 compte », « 1 compte », « 2 comptes »). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('fr-FR')} ${Math.abs(count) >= 2 ? pluralForm : singular}`;
}

/** How a person is named in lists and labels: « Camille MARTIN » (also for a first name typed « camille »). */
export function fullName(person: { prenom: string; nom: string }): string {
  return `${capitalizePrenom(person.prenom)} ${person.nom.toLocaleUpperCase('fr-FR')}`.trim();
}

/** A file size as French offices write it: « 845 octets », « 12 Ko », « 1,4 Mo ». */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'octet');
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024).toLocaleString('fr-FR')} Ko`;
  return `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/** An amount that may go either way, signed as accountants read it: « + 529,75 € », « − 1 000,00 € ». */
export function formatSignedEuros(cents: number): string {
  if (cents === 0) return formatEuros(0);
  return `${cents > 0 ? '+' : '−'} ${formatEuros(Math.abs(cents))}`;
}

/** The day of a timestamp as seen in France (Europe/Paris): « 25/11/2026 ». */
export function formatDay(timestamp: string): string {
  return formatDateTime(timestamp).slice(0, 10);
}
