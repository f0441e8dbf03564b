import { HttpStatus } from '@nestjs/common';
import { FIELD_RULE_MESSAGES, type FieldRuleMessage, unknownRuleMessage } from './field-rules';
import { PLATFORM_ERRORS } from './error-codes';

/** A service's own messages, added to the platform's by the problem+json filter. */
export interface ErrorCatalogue {
  /** What a person reads (Indonesian) for each code the service raises. */
  codes: Readonly<Record<string, string>>;
  /** Messages for the rules the service's own validators report in `errors[].rule`, beyond the platform's. */
  fieldRules?: Readonly<Record<string, FieldRuleMessage>>;
}

/** One field that broke one rule, with the rule's parameters when the validator declared them. */
export interface FieldRuleBreach {
  field: string;
  rule: string;
  constraints?: readonly unknown[];
}

/**
 * The platform's catalogue and a service's, merged: what a person reads for a problem's code and for
 * each field error. A code no catalogue lists still gets the sentence of its HTTP status, so a
 * client never shows an empty message.
 */
export class ErrorMessages {
  private readonly codes: ReadonlyMap<string, string>;
  private readonly fieldRules: ReadonlyMap<string, FieldRuleMessage>;

  constructor(own: ErrorCatalogue = { codes: {} }) {
    this.codes = new Map(Object.entries({ ...PLATFORM_ERRORS, ...own.codes }));
    this.fieldRules = new Map(Object.entries({ ...FIELD_RULE_MESSAGES, ...own.fieldRules }));
  }

  forCode(code: string, status: number): string {
    const fallback = status >= 500 ? PLATFORM_ERRORS['HTTP.INTERNAL_SERVER_ERROR'] : PLATFORM_ERRORS['HTTP.BAD_REQUEST'];
    return this.codes.get(code) ?? this.codes.get(`HTTP.${HttpStatus[status]}`) ?? fallback;
  }

  forField({ field, rule, constraints = [] }: FieldRuleBreach): string {
    return (this.fieldRules.get(rule) ?? unknownRuleMessage)(field, constraints);
  }
}
