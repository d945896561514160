// What the benches read from Linux about the server under test and the machine around it: the
// processes serving (CPU time, memory), where local storage lives, and how busy the cores are.
import { readdirSync, readFileSync } from 'node:fs';

/** Every process descended from `rootPid` (wrangler and its workerd processes, or the workerd a
 * Miniflare in this process started): pid, name, RSS (KiB) and CPU time used so far (ms). */
export function processesUnder(rootPid) {
  const all = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const rss = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
      // utime + stime, in clock ticks of 10 ms (USER_HZ 100 on Linux).
      const cpuMs = (Number(fields[11]) + Number(fields[12])) * 10;
      all.push({ pid: Number(pid), ppid: Number(fields[1]), comm, rssKiB: rss ? Number(rss[1]) : 0, cpuMs });
    } catch {
      // the process ended between listing and reading
    }
  }
  const under = new Set([rootPid]);
  // Parents are listed before children only by chance: repeat until nothing new joins.
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (!under.has(p.pid) && under.has(p.ppid)) {
        under.add(p.pid);
        grew = true;
      }
    }
  }
  return all.filter((p) => p.pid !== rootPid && under.has(p.pid));
}

/** The filesystem type of the mount holding `dir` (longest matching mount point). */
export function filesystemOf(dir) {
  const mounts = readFileSync('/proc/mounts', 'utf8').trim().split('\n').map((l) => l.split(' '));
  const best = mounts.filter(([, point]) => dir === point || dir.startsWith(point.endsWith('/') ? point : `${point}/`)).sort((a, b) => b[1].length - a[1].length)[0];
  return best ? best[2] : 'unknown';
}

/** The share of time some task waited for a CPU over the last 10 s (Linux PSI), if available. */
export function cpuPressure() {
  try {
    return Number(readFileSync('/proc/pressure/cpu', 'utf8').match(/some avg10=([\d.]+)/)[1]);
  } catch {
    return null;
  }
}

/** CPU time the whole machine spent busy (ms, all cores), from /proc/stat. */
export function machineBusyMs() {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return (user + nice + system + irq + softirq + steal) * 10;
}
