// A realistic example fleet of 500 machines, seen twice a month apart, for screenshots, demos and
// trying the Fleet view: 380 Windows 10 PCs to Windows 11 (their hardware from the twelve kinds of
// tests/inventories/readiness/native-hardware.csv, weighted towards ready machines) and 120 servers
// to Windows Server 2025 (two Hyper-V clusters, a SQL cluster, six domain controllers in two
// domains, file, application and legacy servers). Deterministic: the same files every time.
//   fleet-500.csv          the fleet now
//   fleet-500-earlier.csv  a month earlier: 40 of today's Windows 11 PCs were still on Windows 10,
//                          three servers on 2022 were still on 2019, 8 machines did not exist yet
//                          and 6 that are gone since were there
// usage: node scripts/example-fleet.mjs [DIR]   (default: the current directory)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = process.argv[2] ?? '.';
const hardware = readFileSync(fileURLToPath(new URL('../tests/inventories/readiness/native-hardware.csv', import.meta.url)), 'utf8')
  .trim()
  .split('\n');
const hwHeader = hardware[0].split(',').slice(1);
const pcKinds = hardware.slice(1).map((l) => l.split(',').slice(1));
// Mostly ready PCs, then the usual problems.
const weights = [12, 3, 2, 3, 2, 1, 1, 2, 2, 1, 1, 2];

const header = ['name', ...hwHeader, 'current.edition', 'cluster.name', 'cluster.workload', 'current.domain_controller', 'current.domain', 'target.os'];
const col = (name) => header.indexOf(name);
const row = (name, values) => {
  const cells = new Array(header.length).fill('');
  cells[0] = name;
  for (const [k, v] of Object.entries(values)) cells[col(k)] = v;
  return cells;
};

let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

const now = [];
const pick = () => {
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) < 0) return i;
  return 0;
};
for (let i = 1; i <= 380; i++) {
  const kind = pcKinds[pick()];
  const values = Object.fromEntries(hwHeader.map((h, j) => [h, kind[j]]));
  values['current.edition'] = 'pro';
  values['target.os'] = 'windows-11';
  now.push(row(`PC-${String(i).padStart(4, '0')}`, values));
}
const server = (name, os, extra = {}) =>
  now.push(row(name, { 'current.os': os, 'current.edition': 'standard', 'target.os': 'windows-server-2025', ...extra }));
for (let i = 1; i <= 4; i++) server(`HV1-N${i}`, 'windows-server-2022', { 'current.edition': 'datacenter', 'cluster.name': 'HV-CL1', 'cluster.workload': 'hyper-v' });
for (let i = 1; i <= 4; i++) server(`HV2-N${i}`, 'windows-server-2019', { 'current.edition': 'datacenter', 'cluster.name': 'HV-CL2', 'cluster.workload': 'hyper-v' });
for (let i = 1; i <= 2; i++) server(`SQL-N${i}`, 'windows-server-2012-r2', { 'cluster.name': 'SQL-CL1', 'cluster.workload': 'other' });
for (let i = 1; i <= 3; i++) server(`DC-CORP-0${i}`, i === 3 ? 'windows-server-2022' : 'windows-server-2019', { 'current.domain_controller': 'true', 'current.domain': 'corp.example.com' });
for (let i = 1; i <= 3; i++) server(`DC-LAB-0${i}`, 'windows-server-2016', { 'current.domain_controller': 'true', 'current.domain': 'lab.example.com' });
const versions = ['windows-server-2016', 'windows-server-2019', 'windows-server-2022', 'windows-server-2012-r2', 'windows-server-2008-r2'];
for (let i = 1; i <= 97; i++) server(`APP-${String(i).padStart(3, '0')}`, versions[i % versions.length]);
server('FILE-OLD-01', 'windows-server-2003', { 'current.edition': 'enterprise' });
server('FILE-OLD-02', 'windows-server-2008');
server('PRINT-01', 'windows-server-2012');
server('WSUS-01', 'windows-server-2016');
server('VEEAM-01', 'windows-server-2019');
server('MGMT-01', 'windows-server-2025');
server('MGMT-02', 'windows-server-2025');

// This month: 40 PCs already upgraded (on Windows 11 now), three servers moved from 2019 to 2022.
const upgradedPcs = now.filter((r) => r[0].startsWith('PC-') && r[col('hardware.tpm')] === '2.0' && r[col('hardware.secure_boot')] === 'enabled').slice(0, 40);
for (const r of upgradedPcs) {
  r[col('current.os')] = 'windows-11';
  r[col('current.release')] = '25H2';
  r[col('current.build')] = '26200.7462';
}
const upgradedServers = ['APP-001', 'APP-006', 'APP-011'];
for (const r of now.filter((r) => upgradedServers.includes(r[0]))) r[col('current.os')] = 'windows-server-2022';

const earlier = now.map((r) => [...r]);
for (const r of earlier) {
  if (upgradedPcs.some((u) => u[0] === r[0])) {
    r[col('current.os')] = 'windows-10';
    r[col('current.release')] = '22H2';
    r[col('current.build')] = '19045.5371';
  }
  if (upgradedServers.includes(r[0])) r[col('current.os')] = 'windows-server-2019';
}
// New since: the last 8 PCs. Gone since: 6 retired machines.
const fresh = new Set(now.filter((r) => r[0].startsWith('PC-')).slice(-8).map((r) => r[0]));
const before = earlier.filter((r) => !fresh.has(r[0]));
for (let i = 1; i <= 6; i++) {
  before.push(row(`RETIRED-${i}`, { 'current.os': i <= 3 ? 'windows-10' : 'windows-server-2008-r2', 'current.edition': i <= 3 ? 'pro' : 'standard', 'target.os': i <= 3 ? 'windows-11' : 'windows-server-2025' }));
}

const csv = (rows) => [header, ...rows].map((r) => r.join(',')).join('\n') + '\n';
writeFileSync(join(out, 'fleet-500.csv'), csv(now));
writeFileSync(join(out, 'fleet-500-earlier.csv'), csv(before));
console.log(`example-fleet: ${now.length} machines in ${join(out, 'fleet-500.csv')}, ${before.length} in ${join(out, 'fleet-500-earlier.csv')}`);
