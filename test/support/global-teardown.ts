/** Releases what global-setup started; runs once per project, so only the first call does anything. */
export default async function globalTeardown(): Promise<void> {
  const infra = globalThis.pantauInfra;
  globalThis.pantauInfra = undefined;
  await infra?.release();
}
