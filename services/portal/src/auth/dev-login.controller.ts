import { Body, type CanActivate, Controller, Get, HttpCode, Inject, Injectable, NotFoundException, Post, UseGuards } from '@nestjs/common';
import { IsIn, IsString } from 'class-validator';
import { DEV_TOKEN_TTL_SECONDS, DEV_USERS, type DevUserName, issueDevToken, type Principal } from '@lib/platform';
import type { PortalSettings } from '../config';
import { PORTAL_SETTINGS } from '../tokens';

const DEV_USER_NAMES = Object.keys(DEV_USERS) as DevUserName[];

export class DevLoginRequest {
  @IsString()
  @IsIn(DEV_USER_NAMES, { message: `username must be one of the demo users: ${DEV_USER_NAMES.join(', ')}` })
  username!: DevUserName;
}

export interface DevUserView {
  username: DevUserName;
  /** The token's `sub`: the id the services record, and the one a cycle names its evaluators by. */
  subject: string;
  name: string;
  role: string;
  tenantId: string;
  unitId: string | null;
  assignedUnitIds: string[];
}

export interface SignInOptions {
  /** Whether `POST /auth/dev-login` issues tokens here. */
  devLogin: boolean;
}

/** Dev tokens only with AUTH_MODE=dev outside production. Config loading refuses dev mode in production already; checked again here so nothing else can open these routes. */
export function devLoginAllowed({ config, auth }: PortalSettings): boolean {
  return auth.AUTH_MODE === 'dev' && config.NODE_ENV !== 'production';
}

/** A guard, not a check in the handler: it runs before body validation, so a closed route answers 404 to any body. */
@Injectable()
export class DevLoginEnabledGuard implements CanActivate {
  constructor(@Inject(PORTAL_SETTINGS) private readonly settings: PortalSettings) {}

  canActivate(): boolean {
    if (!devLoginAllowed(this.settings)) throw new NotFoundException({ code: 'HTTP.NOT_FOUND', message: 'Cannot find this route' });
    return true;
  }
}

/**
 * Sign-in while the Pemda's identity provider is not wired into the web app: in development only,
 * anyone may pick one of the demo users and gets the same kind of token the services verify (HS256
 * from the dev issuer, with the shared AUTH_DEV_SIGNING_SECRET). Elsewhere these routes do not exist.
 */
@Controller('auth')
export class DevLoginController {
  constructor(@Inject(PORTAL_SETTINGS) private readonly settings: PortalSettings) {}

  @Get('options')
  options(): SignInOptions {
    return { devLogin: devLoginAllowed(this.settings) };
  }

  @Get('dev-users')
  @UseGuards(DevLoginEnabledGuard)
  users(): DevUserView[] {
    return DEV_USER_NAMES.map((username) => {
      const user: Principal = DEV_USERS[username];
      return {
        username,
        subject: user.subject,
        name: user.name ?? username,
        role: user.role,
        tenantId: user.tenantId,
        unitId: user.unitId ?? null,
        assignedUnitIds: [...(user.assignedUnitIds ?? [])],
      };
    });
  }

  @Post('dev-login')
  @HttpCode(200)
  @UseGuards(DevLoginEnabledGuard)
  async login(@Body() { username }: DevLoginRequest): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number }> {
    const { AUTH_DEV_SIGNING_SECRET, AUTH_ISSUER, AUTH_AUDIENCE } = this.settings.auth;
    const accessToken = await issueDevToken(DEV_USERS[username], AUTH_DEV_SIGNING_SECRET ?? '', new Date(), { issuer: AUTH_ISSUER, audience: AUTH_AUDIENCE });
    return { accessToken, tokenType: 'Bearer', expiresIn: DEV_TOKEN_TTL_SECONDS };
  }
}
