#!/usr/bin/env node
// The npm registry mirror this project is built against only serves the platform binaries of the
// machines it hosts (linux-x64). `npm install` then writes a lockfile without the other platforms'
// optional packages (buf, unrs-resolver), and `npm ci` refuses it as "out of sync". This adds the
// missing optional entries with their os/cpu, so `npm ci` skips them on this platform and a
// contributor on another platform still gets the right binary. Run it after `npm install`.
const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.join(__dirname, '..', '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const OS = ['android', 'darwin', 'freebsd', 'linux', 'openharmony', 'win32', 'sunos', 'aix'];
const CPU = ['arm64', 'armv7', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 's390x', 'riscv64'];

function platformOf(name) {
  const parts = path.basename(name).split('-');
  const os = parts.find((part) => OS.includes(part));
  const cpu = parts.find((part) => CPU.includes(part)) ?? (parts.includes('armv7') ? 'arm' : undefined);
  if (!os || !cpu) return undefined;
  const entry = { os: [os], cpu: [cpu === 'armv7' ? 'arm' : cpu] };
  if (parts.includes('gnu') || parts.includes('gnueabihf')) entry.libc = ['glibc'];
  if (parts.includes('musl') || parts.includes('musleabihf')) entry.libc = ['musl'];
  return entry;
}

let added = 0;
for (const [location, pkg] of Object.entries(packages)) {
  for (const [dependency, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const target = `node_modules/${dependency}`;
    if (packages[target] || packages[`${location}/${target}`]) continue;
    const platform = platformOf(dependency);
    if (!platform || !/^\d+\.\d+\.\d+/.test(version)) continue;
    packages[target] = { version, optional: true, ...platform };
    added += 1;
  }
}

const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform entries`);
