import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiServiceUnavailableResponse, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { CitizenThrottlerGuard } from './citizen-throttler.guard';
import type { Action, Role, Target } from './permissions';
import type { Principal } from './principal';

export const AUTH_POLICY = 'pantau:auth-policy';

/** The param or query field that names the target tenant unless a route says otherwise. */
export const DEFAULT_TENANT_PARAM = 'tenantId';

/**
 * A stored resource whose tenant and unit are the target of a route, for routes that name the
 * resource but not its unit (`POST /requests/:requestId/complete`). The service's TargetLocator
 * finds where it lives.
 */
export interface ResourceRef {
  /** What the TargetLocator looks up, e.g. `request`. */
  kind: string;
  /** Route param (else query or body field) holding the resource's id. */
  idParam: string;
  /**
   * The error code of an unknown resource. Another tenant's resource gets the same answer, so a
   * caller cannot learn that it exists.
   */
  notFoundCode: string;
}

export interface PermissionOptions {
  /** Route param (else query or body field) that names the target unit. */
  unitParam?: string;
  /**
   * Route param (else query field) that names the target tenant, `tenantId` when not given; absent
   * from the request, the target is the principal's own tenant. Only a role whose grant reaches all
   * tenants (the national auditor, who only reads) is authorized for another tenant.
   */
  tenantParam?: string;
  /** The target is where this stored resource lives; a named unit, if any, must be in scope too. */
  resource?: ResourceRef;
}

export type RoutePolicy = { kind: 'public' } | ({ kind: 'permission'; action: Action } & PermissionOptions);

/** The route needs a bearer token whose principal may perform `action` on the resolved tenant/unit. */
export const RequirePermission = (action: Action, options: PermissionOptions = {}): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(AUTH_POLICY, { kind: 'permission', action, ...options } satisfies RoutePolicy), ApiBearerAuth());

/** The route is open to anyone; a route with neither decorator is refused (deny by default). */
export const PublicEndpoint = (): MethodDecorator & ClassDecorator => SetMetadata(AUTH_POLICY, { kind: 'public' } satisfies RoutePolicy);

/**
 * A route for citizens, who have no token: open like `@PublicEndpoint()`, and rate-limited per client
 * network (`clientNetwork`; 429 beyond PUBLIC_RATE_LIMIT_PER_MINUTE), counted in Redis across replicas.
 * Probes and scrapers use plain `@PublicEndpoint()`.
 */
export const CitizenEndpoint = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    PublicEndpoint(),
    UseGuards(CitizenThrottlerGuard),
    ApiTooManyRequestsResponse({ description: 'Too many requests from this address; retry after the Retry-After seconds' }),
    ApiServiceUnavailableResponse({ description: 'A write whose rate limit cannot be counted now (RATE_LIMIT.UNAVAILABLE); retry later' }),
  );

/** What the guard leaves on an authorized request. */
export interface AuthenticatedRequest {
  principal?: Principal;
  authTarget?: Target;
}

/** The verified caller; only on routes with `@RequirePermission`. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const { principal } = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!principal) throw new Error('@CurrentPrincipal() used on a route without @RequirePermission');
  return principal;
});

/** The tenant and unit the guard authorized; handlers use these, not their own reading of the request. */
export const AuthorizedTarget = createParamDecorator((_: unknown, context: ExecutionContext): Target => {
  const { authTarget } = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!authTarget) throw new Error('@AuthorizedTarget() used on a route without @RequirePermission');
  return authTarget;
});

/** Who acts and where: what command metadata and queries take from an authorized request. */
export interface Actor {
  /** The authorized tenant: the principal's own, or for the national auditor's reads the one it named or the resource's. */
  tenantId: string;
  /** The principal's subject, recorded as the actor of every event. */
  id: string;
  role: Role;
}

/** The actor of a request the guard authorized. */
export function actorOf({ principal, authTarget }: AuthenticatedRequest): Actor {
  if (!principal || !authTarget) throw new Error('no authorized actor: the route has no @RequirePermission');
  return { tenantId: authTarget.tenantId, id: principal.subject, role: principal.role };
}

/** The actor of a route with `@RequirePermission`. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor =>
  actorOf(context.switchToHttp().getRequest<AuthenticatedRequest>()),
);

/** The actor recorded for citizens' actions: no token, so no personal data either. */
export const PUBLIC_ACTOR = { id: 'public', role: 'public' } as const satisfies { id: string; role: Role };
