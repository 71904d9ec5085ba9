import SEPA from 'sepa';

/** ISO 20022 version of the credit-transfer initiation: the one the EPC rulebook asks for since 2023. */
export const PAIN_FORMAT = 'pain.001.001.09';

/**
 * The EPC's basic Latin set is what every bank in the SEPA zone accepts in names and references:
 * accents are dropped (« Lefèvre » → « Lefevre »), anything else outside the set becomes a space.
 */
export function sepaText(text: string, max: number): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘]/g, "'")
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

export type Compte = { iban: string; bic: string | null; titulaire: string };

export type VirementAEmettre = {
  messageId: string;
  creeLe: Date;
  /** The day the bank should execute the transfers (a calendar date). */
  dateExecution: string;
  emetteur: Compte;
  virements: { id: string; numero: string; montant: number; compte: Compte; libelle: string }[];
};

const euros = (cents: number) => cents / 100;

/**
 * The pain.001 file of the règlements put in payment together: one payment block from the
 * organisation's account, one credit transfer per règlement whose end-to-end id is the règlement's
 * number (the collectivité's bank statement shows it). Amounts are integer cents here; sepa.js writes
 * them with two decimals, and the control sums are checked against ours in the tests.
 */
export function painXml(v: VirementAEmettre): string {
  const doc = new SEPA.Document(PAIN_FORMAT);
  doc.grpHdr.id = v.messageId;
  doc.grpHdr.created = v.creeLe;
  doc.grpHdr.initiatorName = sepaText(v.emetteur.titulaire, 70);
  const info = doc.createPaymentInfo();
  // Noon UTC: the library writes the local calendar date, the same day in every European time zone.
  info.requestedExecutionDate = new Date(`${v.dateExecution}T12:00:00Z`);
  info.debtorIBAN = v.emetteur.iban;
  info.debtorBIC = v.emetteur.bic ?? '';
  info.debtorName = sepaText(v.emetteur.titulaire, 70);
  doc.addPaymentInfo(info);
  for (const r of v.virements) {
    const tx = info.createTransaction();
    tx.creditorName = sepaText(r.compte.titulaire, 70);
    tx.creditorIBAN = r.compte.iban;
    tx.creditorBIC = r.compte.bic ?? '';
    tx.amount = euros(r.montant);
    tx.remittanceInfo = sepaText(r.libelle, 140);
    tx.end2endId = r.numero;
    info.addTransaction(tx);
  }
  return doc.toString();
}
