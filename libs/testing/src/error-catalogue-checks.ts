import { errorCodeLiterals, unreadableMessage } from './error-code-literals';

export interface CatalogueUnderTest {
  /** The directories whose source raises the catalogue's codes: each code found there must be listed. */
  source: string[];
  /** Where a listed code must be raised, when that reaches beyond `source` (a platform code raised by a service). */
  raisedIn?: string[];
  /** Code → what a person reads. */
  codes: Readonly<Record<string, string>>;
  /** Rule → message, for the context's own field rules. */
  fieldRules?: Readonly<Record<string, (field: string, constraints: readonly unknown[]) => string>>;
  /** The platform's catalogue: its codes may be raised here too, and are not listed again. */
  platform?: Readonly<Record<string, string>>;
  /** Codes made at run time rather than written as a literal (`HTTP.<STATUS>`), so no scan finds them. */
  builtAtRunTime?: (code: string) => boolean;
}

/**
 * The checks every error catalogue passes, as table tests: each message reads as Indonesian, every
 * code the context's source raises is listed (here or in the platform's catalogue), every listed
 * code is raised somewhere, and no platform code is listed again.
 */
export function describeErrorCatalogue(
  name: string,
  { source, raisedIn = source, codes, fieldRules = {}, platform = {}, builtAtRunTime = () => false }: CatalogueUnderTest,
): void {
  describe(`the ${name} error catalogue`, () => {
    const raised = errorCodeLiterals(...source);

    it.each(Object.entries(codes))('%s has a message a person reads', (_code, message) => {
      expect(unreadableMessage(message)).toBeUndefined();
    });

    if (Object.keys(fieldRules).length > 0) {
      it.each(Object.entries(fieldRules))('the field rule %s has a message a person reads, with or without parameters', (_rule, message) => {
        expect(unreadableMessage(message('answers[0].code', []))).toBeUndefined();
        expect(unreadableMessage(message('answers[0].code', [3]))).toBeUndefined();
      });
    }

    it('lists every code its source raises', () => {
      expect(raised.filter(({ code }) => !(code in codes) && !(code in platform))).toEqual([]);
    });

    it('lists only codes that are raised', () => {
      const used = new Set(errorCodeLiterals(...raisedIn).map(({ code }) => code));
      expect(Object.keys(codes).filter((code) => !used.has(code) && !builtAtRunTime(code))).toEqual([]);
    });

    it('leaves the platform codes to the platform catalogue', () => {
      expect(Object.keys(codes).filter((code) => code in platform)).toEqual([]);
    });
  });
}
