// Types of machine.mjs, for the TypeScript benchmarks.
export interface Machine {
  os: string;
  kernel: string;
  cpus: number;
  cpuModel: string;
  memoryMb: number;
  node: string;
  loadAverage: { atStart: number; atEnd: number };
}

export function machine(loadAtStart: number): Machine;
