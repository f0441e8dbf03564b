import {
  BadRequestException,
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  Optional,
  type Provider,
  UnauthorizedException,
} from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { DomainError } from '@lib/event-sourcing';
import { QUALIFIED_ID } from '@lib/kernel';
import { InputProblemException } from '../problem-details.filter';
import { unstorableTextFields } from '../input-text';
import type { AuthConfig } from './auth.config';
import { AuthenticationError } from './authentication-error';
import { type Action, authorize, type Decision, permits, type Subject, type Target } from './permissions';
import type { Principal } from './principal';
import { AUTH_POLICY, type AuthenticatedRequest, DEFAULT_TENANT_PARAM, type ResourceRef, type RoutePolicy } from './require-permission.decorator';
import { TokenVerifier } from './token-verifier';

/**
 * Where the stored resources of a service live. Each service that has routes with a `resource`
 * policy provides one; it must read a store that is current when the command that created the
 * resource has returned (the event store, not a projection).
 */
export abstract class TargetLocator {
  /**
   * The tenant and, for unit-owned resources, the unit of `kind` `id`; undefined when there is none.
   * `tenantId` is the tenant the request acts in (the one it names, else the caller's): a service
   * whose ids are only unique within a tenant (ids a client may choose) looks there and nowhere else;
   * one whose ids are unique across tenants may ignore it.
   */
  abstract locate(kind: string, id: string, tenantId: string): Promise<Target | undefined>;
}

/** The parts of an HTTP request the guard reads. */
export interface GuardedRequest extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

export type Admission = { kind: 'public' } | { kind: 'authorized'; principal: Principal; target: Target };

const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)[ ]*$/i;

const malformedId = (field: string) => ({ field, rule: 'matches', message: `${field} harus 1–128 karakter: huruf, angka atau . _ : @ -` });

/**
 * Refuses a path whose ids could not be any resource's before anything reads the database with them:
 * PostgreSQL refuses a NUL byte in text, which would otherwise surface as a 500.
 */
function refuseMalformedPathIds(params: Record<string, unknown> | undefined): void {
  const malformed = Object.entries(params ?? {}).filter(([, value]) => typeof value !== 'string' || !QUALIFIED_ID.test(value));
  if (malformed.length > 0) throw new InputProblemException(malformed.map(([field]) => malformedId(field)));
}

/** Refuses text in a body that PostgreSQL would refuse (a NUL byte, a lone surrogate) before anything reads it, a guard's locator included. */
function refuseUnstorableText(body: unknown): void {
  const fields = unstorableTextFields(body);
  if (fields.length > 0)
    throw new InputProblemException(fields.map((field) => ({ field, rule: 'noControlCharacters', message: `${field} contains control characters` })));
}

/**
 * The guard's decision, without Nest: refuses a route with no policy (403 AUTH.NO_POLICY), a missing
 * or unusable token (401), a role the matrix never allows the action (403), a resource that does not
 * exist or lives in another tenant (the resource's own not-found code, 404 for a `*.NOT_FOUND`), and a
 * target outside the principal's scope (403 AUTH.FORBIDDEN).
 */
export async function admit(
  policy: RoutePolicy | undefined,
  request: GuardedRequest,
  verifier: Pick<TokenVerifier, 'verify'>,
  locator?: TargetLocator,
): Promise<Admission> {
  refuseMalformedPathIds(request.params);
  refuseUnstorableText(request.body);
  if (policy === undefined) throw new ForbiddenException({ code: 'AUTH.NO_POLICY', message: 'this route declares no access policy, so it is closed' });
  if (policy.kind === 'public') return { kind: 'public' };

  const header = request.headers.authorization;
  const match = typeof header === 'string' ? BEARER.exec(header) : null;
  if (!match) throw new UnauthorizedException({ code: 'AUTH.MISSING_TOKEN', message: 'an Authorization: Bearer token is required' });
  let principal: Principal;
  try {
    principal = await verifier.verify(match[1]);
  } catch (error) {
    if (error instanceof AuthenticationError) throw new UnauthorizedException({ code: error.code, message: error.message });
    throw error;
  }
  refuseUnless(permits(principal, policy.action));

  const namedTenant = pick(request, policy.tenantParam ?? DEFAULT_TENANT_PARAM, false);
  const namedUnit = pick(request, policy.unitParam, true);
  if (policy.resource === undefined) {
    const target: Target = { tenantId: namedTenant ?? principal.tenantId };
    if (namedUnit !== undefined) target.unitId = namedUnit;
    refuseUnless(authorize(principal, policy.action, target));
    return { kind: 'authorized', principal, target };
  }
  const target = await resourceTarget(policy.resource, request, principal, policy.action, namedTenant, namedUnit, locator);
  return { kind: 'authorized', principal, target };
}

/**
 * Where the named resource lives, once the principal may act there. Unknown, in another tenant than
 * the one named, or in a tenant the principal cannot reach: all the same "not found". A resource with
 * a unit and a named unit (a complaint reassigned to another unit) must both be in scope.
 */
async function resourceTarget(
  resource: ResourceRef,
  request: GuardedRequest,
  principal: Subject,
  action: Action,
  namedTenant: string | undefined,
  namedUnit: string | undefined,
  locator: TargetLocator | undefined,
): Promise<Target> {
  if (!locator) throw new Error(`a route names a ${resource.kind} resource but the service provides no TargetLocator`);
  const id = pick(request, resource.idParam, true);
  if (id === undefined) throw new InputProblemException([{ field: resource.idParam, rule: 'required', message: `${resource.idParam} is required` }]);
  const located = await locator.locate(resource.kind, id, namedTenant ?? principal.tenantId);
  const notFound = () => new DomainError(resource.notFoundCode, `${resource.kind} ${id} does not exist`);
  if (!located || (namedTenant !== undefined && namedTenant !== located.tenantId)) throw notFound();
  const checks: Target[] = [];
  if (located.unitId !== undefined || namedUnit === undefined) checks.push(located);
  if (namedUnit !== undefined) checks.push({ tenantId: located.tenantId, unitId: namedUnit });
  for (const check of checks) {
    const decision = authorize(principal, action, check);
    if (!decision.allowed && decision.reason === 'OTHER_TENANT') throw notFound();
    refuseUnless(decision);
  }
  const target: Target = { tenantId: located.tenantId };
  const unitId = namedUnit ?? located.unitId;
  if (unitId !== undefined) target.unitId = unitId;
  return target;
}

function refuseUnless(decision: Decision): void {
  if (!decision.allowed) throw new ForbiddenException({ code: 'AUTH.FORBIDDEN', message: `${decision.reason}: ${decision.detail}` });
}

/** One id from the route params, the query or (for units) the body; two different values are refused. */
function pick(request: GuardedRequest, name: string | undefined, fromBody: boolean): string | undefined {
  if (name === undefined) return undefined;
  const body = fromBody && typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
  const values = [request.params?.[name], request.query?.[name], body[name]].filter((value) => value !== undefined);
  if (values.some((value) => typeof value !== 'string' || value === '')) {
    throw new BadRequestException({ code: 'AUTH.TARGET_INVALID', message: `${name} must be a single non-empty id` });
  }
  if (values.some((value) => !QUALIFIED_ID.test(value as string))) throw new InputProblemException([malformedId(name)]);
  if (new Set(values).size > 1) throw new BadRequestException({ code: 'AUTH.TARGET_AMBIGUOUS', message: `${name} differs between path, query and body` });
  return values[0] as string | undefined;
}

/**
 * The global guard: every route declares `@RequirePermission(...)` or `@PublicEndpoint()`, or it is
 * refused. Leaves `principal` and `authTarget` on the request for `@CurrentPrincipal()`/`@AuthorizedTarget()`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Optional() private readonly locator?: TargetLocator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(AUTH_POLICY, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const admission = await admit(policy, request, this.verifier, this.locator);
    if (admission.kind === 'authorized') {
      request.principal = admission.principal;
      request.authTarget = admission.target;
    }
    return true;
  }
}

/** The providers a service adds to its root module: the verifier for `config` and the global guard. */
export function authProviders(config: AuthConfig): Provider[] {
  return [
    { provide: TokenVerifier, useFactory: () => TokenVerifier.fromConfig(config) },
    { provide: APP_GUARD, useClass: AuthGuard },
  ];
}
