import type { UseFormReturnType } from '@mantine/form';
import {
  assietteAssuree,
  type BaseAmounts,
  checkBase,
  cotisation,
  PCT_MIN,
  plafondPct,
  type TBase,
  type TElementBase,
  type TTypeBase,
  typeBaseLabels,
  ZBaseCreate,
  ZBaseUpdate,
} from '@statutis/domain';
import { useEffect } from 'react';
import type { z } from 'zod';

/** The amounts as the form holds them: cents, null when left empty, NaN when the text is not an amount. */
export type AmountValues = {
  effectif: number | null;
  tbi: number | null;
  nbi: number | null;
  sft: number | null;
  ir: number | null;
  riMontant: number | null;
  riPct: number | null;
  cpMontant: number | null;
  cpPct: number | null;
};

export type CreateValues = AmountValues & { contratId: string; annee: number; type: TTypeBase };

export const emptyAmounts: AmountValues = {
  effectif: null,
  tbi: null,
  nbi: null,
  sft: null,
  ir: null,
  riMontant: null,
  riPct: null,
  cpMontant: null,
  cpPct: null,
};

/**
 * The shared schema plus the domain's `checkBase` for the chosen contract: the browser refuses
 * exactly what the server refuses, with the same messages, beside the same fields.
 */
function withContractRules<S extends typeof ZBaseCreate | typeof ZBaseUpdate>(
  schema: S,
  allowed: () => readonly TElementBase[],
) {
  return schema.superRefine((values, ctx) => {
    for (const problem of checkBase(values, allowed())) {
      ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
    }
  }) as unknown as z.ZodType<z.output<S>>;
}

/** `allowed` is read when the form is checked: the contract may be chosen after the form is built. */
export const createSchema = (allowed: () => readonly TElementBase[]) => withContractRules(ZBaseCreate, allowed);
export const updateSchema = (allowed: () => readonly TElementBase[]) => withContractRules(ZBaseUpdate, allowed);

const amount = (value: number | null) => (value !== null && Number.isFinite(value) && value >= 0 ? value : null);

/** The percentage chosen, if it lies between 1 % and the ceiling; otherwise it does not count yet. */
function validPct(pct: number | null, montant: number | null, tbi: number, element: 'ri' | 'cp') {
  if (pct === null || montant === null) return null;
  return pct >= PCT_MIN && pct <= plafondPct(montant, tbi, element) ? pct : null;
}

/** What has been typed so far, as the domain's amounts; null until a TBI is there. */
export function amountsOf(values: AmountValues): BaseAmounts | null {
  const tbi = amount(values.tbi);
  if (!tbi) return null;
  const riMontant = amount(values.riMontant);
  const cpMontant = amount(values.cpMontant);
  return {
    tbi,
    nbi: amount(values.nbi),
    sft: amount(values.sft),
    ir: amount(values.ir),
    riMontant,
    riPct: validPct(values.riPct, riMontant, tbi, 'ri'),
    cpMontant,
    cpPct: validPct(values.cpPct, cpMontant, tbi, 'cp'),
  };
}

/** The live estimate: insured base and contribution at the contract's rate, computed by the domain. */
export function estimateOf(values: AmountValues, tauxCotisation: number | undefined) {
  const amounts = amountsOf(values);
  if (!amounts || !tauxCotisation) return null;
  return { assiette: assietteAssuree(amounts), cotisation: cotisation(amounts, tauxCotisation) };
}

/** When the contract changes, the elements it does not insure are emptied: nothing hidden is sent. */
export function useClearUninsurable<V extends AmountValues>(
  form: UseFormReturnType<V>,
  allowed: readonly TElementBase[] | undefined,
) {
  const key = allowed?.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the allowed elements change, compared through `key`
  useEffect(() => {
    if (!allowed) return;
    const set = form.setFieldValue as (path: string, value: null) => void;
    for (const element of ['nbi', 'sft', 'ir'] as const) if (!allowed.includes(element)) set(element, null);
    for (const element of ['ri', 'cp'] as const) {
      if (!allowed.includes(element)) {
        set(`${element}Montant`, null);
        set(`${element}Pct`, null);
      }
    }
  }, [key]);
}

export const CONFIRM_WARNING =
  'Vous pourrez modifier ou supprimer cette base aujourd’hui seulement. Ensuite, seul votre gestionnaire pourra la modifier ou la supprimer.';

/** « la base prévisionnelle 2026 du contrat ARV-CNRACL-2024 ». */
export function baseName(base: Pick<TBase, 'type' | 'annee' | 'contratNumero'>): string {
  return `la base ${typeBaseLabels[base.type].toLowerCase()} ${base.annee} du contrat ${base.contratNumero}`;
}
