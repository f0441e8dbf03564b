import { call } from './http';

export interface DevUser {
  username: string;
  subject: string;
  name: string;
  role: string;
  tenantId: string;
  unitId: string | null;
  assignedUnitIds: string[];
}

export const authApi = {
  options: () => call<{ devLogin: boolean }>('/auth/options'),
  devUsers: () => call<DevUser[]>('/auth/dev-users'),
  devLogin: (username: string) => call<{ accessToken: string; expiresIn: number }>('/auth/dev-login', { method: 'POST', body: { username } }),
};
