import { describe, expect, it } from 'vitest';
import { expliquerJournal, joursDuJournal } from './explication.js';
import { contratMoteur, entreeMoteur, garanties } from './moteur.fixtures.js';
import { calculerRemboursement } from './moteur.js';

describe('« Pourquoi ce montant ? »', () => {
  // Franchise MO 5 days; CLD not covered. Antécédents: 92 MO days (01/03–31/05/2025), so the MO of
  // 24/11/2025 is at half pay from its first day; a contre-visite stops it on 15/01/2026.
  const r = calculerRemboursement(
    entreeMoteur({
      contrats: [
        contratMoteur({ garanties: garanties({ maladie_ordinaire: { franchiseNombre: 5 }, cld: { couvert: false } }) }),
      ],
      arrets: [
        {
          id: 'b',
          sinistreId: 's2',
          categorie: 'maladie_ordinaire',
          type: 'initial',
          debut: '2025-11-24',
          fin: '2026-01-20',
        },
        {
          id: 'c',
          sinistreId: 's3',
          categorie: 'tpt',
          type: 'initial',
          debut: '2026-02-02',
          fin: '2026-02-27',
          quotiteTpt: 80,
        },
        { id: 'd', sinistreId: 's4', categorie: 'cld', type: 'initial', debut: '2026-03-02', fin: '2026-03-05' },
      ],
      antecedents: [{ categorie: 'maladie_ordinaire', debut: '2025-03-01', fin: '2025-05-31' }],
      contreVisites: [{ sinistreId: 's2', injustifieAPartirDu: '2026-01-15' }],
      periode: { debut: '2025-11-01', fin: '2026-03-31' },
    }),
  );

  it('dit chaque période en français, années comprises quand le journal en couvre deux', () => {
    expect(expliquerJournal(r.journal)).toEqual([
      'Du 24/11/2025 au 28/11/2025 : franchise de 5 jours.',
      '24/11/2025 : jour de carence (maladie ordinaire), non rémunéré.',
      'Du 29/11/2025 au 30/11/2025 : 2/30 à 50\u00a0% — demi-traitement, 90 jours de plein traitement atteints sur l’année glissante.',
      'Du 01/12/2025 au 31/12/2025 : 30/30 à 50\u00a0% — demi-traitement, 90 jours de plein traitement atteints sur l’année glissante.',
      'Du 01/01/2026 au 14/01/2026 : 14/30 à 50\u00a0% — demi-traitement, 90 jours de plein traitement atteints sur l’année glissante.',
      'Du 15/01/2026 au 20/01/2026 : non remboursé — arrêt jugé non justifié par le contrôle médical.',
      'Du 02/02/2026 au 27/02/2026 : 26/30 à 20\u00a0% — temps partiel thérapeutique, part non travaillée.',
      'Du 02/03/2026 au 05/03/2026 : non remboursé — risque non couvert par le contrat en vigueur au premier jour de l’arrêt.',
    ]);
    // 2 + 30 + 14 = 46 half days × 5 000 = 230 000; TPT 26 × 10 000 × 20 % = 52 000 → 282 000.
    expect(r.totaux.rembourse).toBe(282_000);
  });

  it('une franchise entamée avant la période se dit avec son rang', () => {
    const partiel = calculerRemboursement(
      entreeMoteur({
        contrats: [contratMoteur({ garanties: garanties({ maladie_ordinaire: { franchiseNombre: 15 } }) })],
        arrets: [
          {
            id: 'a',
            sinistreId: 's',
            categorie: 'maladie_ordinaire',
            type: 'initial',
            debut: '2026-03-25',
            fin: '2026-04-10',
          },
        ],
        periode: { debut: '2026-04-01', fin: '2026-04-30' },
      }),
    );
    // 25/03–08/04 is the franchise: in April, its days 8 to 15 (01–08/04); then 09–10/04 at 90 %.
    expect(expliquerJournal(partiel.journal)).toEqual([
      'Du 01/04 au 08/04 : franchise (8 jours sur 15, à partir du 8e jour d’arrêt).',
      'Du 09/04 au 10/04 : 2/30 à 90\u00a0% — plein traitement réduit, arrêt débuté à compter du 1er mars 2025.',
    ]);
  });

  it('le journal se déplie jour par jour', () => {
    const jours = joursDuJournal(r.journal);
    expect(jours).toHaveLength(r.journal.reduce((n, s) => n + s.jours, 0));
    expect(jours.find((j) => j.jour === '2026-01-15')).toMatchObject({ motif: 'contre_visite', sinistreId: 's2' });
  });
});
