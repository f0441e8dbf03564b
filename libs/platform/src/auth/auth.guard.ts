import {
  BadRequestException,
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  type Provider,
  UnauthorizedException,
} from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import type { AuthConfig } from './auth.config';
import { AuthenticationError } from './authentication-error';
import { authorize, type Target } from './permissions';
import type { Principal } from './principal';
import { AUTH_POLICY, type AuthenticatedRequest, type RoutePolicy } from './require-permission.decorator';
import { TokenVerifier } from './token-verifier';

/** The parts of an HTTP request the guard reads. */
export interface GuardedRequest extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

export type Admission = { kind: 'public' } | { kind: 'authorized'; principal: Principal; target: Target };

const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)[ ]*$/i;

/**
 * The guard's decision, without Nest: refuses a route with no policy (403 AUTH.NO_POLICY), a missing
 * or unusable token (401), and a principal the matrix does not allow on the resolved target (403).
 */
export async function admit(policy: RoutePolicy | undefined, request: GuardedRequest, verifier: Pick<TokenVerifier, 'verify'>): Promise<Admission> {
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

  const target: Target = { tenantId: pick(request, policy.tenantParam, false) ?? principal.tenantId };
  const unitId = pick(request, policy.unitParam, true);
  if (unitId !== undefined) target.unitId = unitId;
  const decision = authorize(principal, policy.action, target);
  if (!decision.allowed) throw new ForbiddenException({ code: 'AUTH.FORBIDDEN', message: `${decision.reason}: ${decision.detail}` });
  return { kind: 'authorized', principal, target };
}

/** One id from the route params, the query or (for units) the body; two different values are refused. */
function pick(request: GuardedRequest, name: string | undefined, fromBody: boolean): string | undefined {
  if (name === undefined) return undefined;
  const body = fromBody && typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
  const values = [request.params?.[name], request.query?.[name], body[name]].filter((value) => value !== undefined);
  if (values.some((value) => typeof value !== 'string' || value === '')) {
    throw new BadRequestException({ code: 'AUTH.TARGET_INVALID', message: `${name} must be a single non-empty id` });
  }
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
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(AUTH_POLICY, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const admission = await admit(policy, request, this.verifier);
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
