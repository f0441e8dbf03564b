/**
 * Quotas the evaluation ruleset ships today for the F-03 form (its items are @lib/kernel's F03_ITEMS),
 * for handlers and tests: 10..20 respondents per unit lokus is the 2022 rule [C]; later years make it
 * configurable (brayenid default 30) [P], so provisional. A collection's own quota arrives on the open command.
 */
export const F03_DEFAULT_QUOTA = {
  minimum: 10,
  maximum: 20,
  provisional: true,
  source: 'docs/domain.md 1.2: 2022 panduan F-01/F-03 min 10 max 20 per unit lokus (Scribd 592468911 [C]); later years configurable [P]; open item 8.2',
} as const;
