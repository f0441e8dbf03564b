import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Action, Target } from './permissions';
import type { Principal } from './principal';

export const AUTH_POLICY = 'pantau:auth-policy';

export interface PermissionOptions {
  /** Route param (else query or body field) that names the target unit. */
  unitParam?: string;
  /**
   * Route param (else query field) that names the target tenant; without it the target is the
   * principal's own tenant. Only a national auditor can be authorized for another tenant.
   */
  tenantParam?: string;
}

export type RoutePolicy = { kind: 'public' } | ({ kind: 'permission'; action: Action } & PermissionOptions);

/** The route needs a bearer token whose principal may perform `action` on the resolved tenant/unit. */
export const RequirePermission = (action: Action, options: PermissionOptions = {}): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(AUTH_POLICY, { kind: 'permission', action, ...options } satisfies RoutePolicy), ApiBearerAuth());

/** The route is open to anyone; a route with neither decorator is refused (deny by default). */
export const PublicEndpoint = (): MethodDecorator & ClassDecorator => SetMetadata(AUTH_POLICY, { kind: 'public' } satisfies RoutePolicy);

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
