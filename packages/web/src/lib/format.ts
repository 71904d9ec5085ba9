/** French plural: 0 and 1 take the singular (« 0 compte », « 1 compte », « 2 comptes »). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('fr-FR')} ${Math.abs(count) >= 2 ? pluralForm : singular}`;
}

/** How a person is named in lists and labels: « Camille MARTIN ». */
export function fullName(person: { prenom: string; nom: string }): string {
  return `${person.prenom} ${person.nom.toLocaleUpperCase('fr-FR')}`.trim();
}
