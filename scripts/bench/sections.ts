/** The smaller sections of BENCHMARKS.md: start-up, a DOCTYPE attack, the soak. */
import { attack } from './attack.js'
import { ms, type SectionResult } from './load.js'
import { soak } from './soak.js'
import { startup } from './startup.js'

export async function startupSection(): Promise<SectionResult> {
  const boot = await startup()
  return {
    lines: [
      '## Start-up',
      '',
      `From spawning \`node dist/cli/ips-mock.js serve --port 0\` to the first successful submitJob: median ${ms(boot.median)} over ${boot.runs} runs (min ${ms(boot.min)}, max ${ms(boot.max)}).`,
    ],
    targets: [
      {
        target: 'start-up ≤ 500 ms',
        measured: `${ms(boot.median)} median`,
        met: boot.median <= 500,
      },
    ],
  }
}

export async function doctypeSection(): Promise<SectionResult> {
  const hostile = await attack()
  return {
    lines: [
      '## A 1 MB DOCTYPE attack',
      '',
      `Refused with ipsApiFault 30003 in-process: median ${ms(hostile.medianMs)}, max ${ms(hostile.maxMs)} over 200 bodies of ${(hostile.bodyBytes / 2 ** 20).toFixed(1)} MiB; heap after a full collection ${hostile.heapBeforeMiB.toFixed(1)} MiB before and ${hostile.heapAfterMiB.toFixed(1)} MiB after them.`,
    ],
    targets: [
      {
        target: 'a 1 MB DOCTYPE attack refused in ≤ 50 ms, memory flat',
        measured: `${ms(hostile.medianMs)} median; heap ${hostile.heapBeforeMiB.toFixed(1)} → ${hostile.heapAfterMiB.toFixed(1)} MiB`,
        met: hostile.medianMs <= 50 && hostile.heapAfterMiB <= hostile.heapBeforeMiB * 1.1,
      },
    ],
  }
}

export async function soakSection(): Promise<SectionResult> {
  const soaked = await soak()
  const drift = soaked.driftPercent
  return {
    lines: [
      '## Soak',
      '',
      `${soaked.minutes} minutes of mixed traffic (20 connections: scheduled submitJob then deleteJob, getActiveJobs, getScheduledJobs, checkLogin, getCompanyInfo, a wrong password, broken XML), jobs running on the system clock: ${soaked.requests.toLocaleString('en-US')} requests, ${soaked.requestedFaults.toLocaleString('en-US')} requested faults, ${soaked.unrequestedErrors} unrequested errors.`,
      '',
      `Heap after a full collection at the end of each minute: ${soaked.heapMiB.map((mib) => `${mib} MiB`).join(', ')} (last minute ${drift >= 0 ? '+' : ''}${drift}% against the first).`,
    ],
    targets: [
      {
        target: 'soak: heap within ±10% of the first minute, no unrequested errors',
        measured: `${drift >= 0 ? '+' : ''}${drift}%, ${soaked.unrequestedErrors} errors`,
        met: Math.abs(drift) <= 10 && soaked.unrequestedErrors === 0,
      },
    ],
  }
}
