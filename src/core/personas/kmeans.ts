/**
 * k-means with k-means++ seeding, and the silhouette to choose k. Deterministic: all
 * randomness comes from the seeded generator passed in, and ties go to the lower index,
 * so the same profiles and seed give the same personas on every machine.
 */
import type { Random } from '../random';

export interface Clustering {
  k: number;
  /** Cluster of each point, 0 … k-1, numbered in order of each cluster's first point. */
  assignment: Int32Array;
  /** Sum of squared distances of points to their centroid. */
  inertia: number;
}

/** Best of `restarts` k-means++ runs by inertia (Lloyd iterations until no point moves). */
export function kMeans(points: readonly Float64Array[], k: number, random: Random, restarts = 4, maxIterations = 100): Clustering {
  let best: Clustering | undefined;
  for (let r = 0; r < restarts; r++) {
    const run = lloyd(points, seedCentroids(points, k, random), maxIterations);
    if (!best || run.inertia < best.inertia - 1e-12) best = run;
  }
  return renumber(best!);
}

/** k-means++: the first centre at random, each next one with probability ∝ squared distance to the nearest centre. */
function seedCentroids(points: readonly Float64Array[], k: number, random: Random): Float64Array[] {
  const n = points.length;
  const centroids = [Float64Array.from(points[Math.floor(random() * n)]!)];
  const nearest = new Float64Array(n).fill(Infinity);
  while (centroids.length < k) {
    const last = centroids[centroids.length - 1]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.min(nearest[i]!, squaredDistance(points[i]!, last));
      total += nearest[i]!;
    }
    // All points sit on centres already: any point will do.
    let pick = total === 0 ? Math.floor(random() * n) : -1;
    if (pick < 0) {
      let target = random() * total;
      for (pick = 0; pick < n - 1; pick++) if ((target -= nearest[pick]!) < 0) break;
    }
    centroids.push(Float64Array.from(points[pick]!));
  }
  return centroids;
}

function lloyd(points: readonly Float64Array[], centroids: Float64Array[], maxIterations: number): Clustering {
  const n = points.length;
  const k = centroids.length;
  const dims = points[0]?.length ?? 0;
  const assignment = new Int32Array(n).fill(-1);
  let inertia = 0;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let moved = 0;
    inertia = 0;
    for (let i = 0; i < n; i++) {
      let bestC = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const d = squaredDistance(points[i]!, centroids[c]!);
        if (d < bestD) {
          bestD = d;
          bestC = c;
        }
      }
      if (assignment[i] !== bestC) moved++;
      assignment[i] = bestC;
      inertia += bestD;
    }
    if (moved === 0) break;
    const sums = centroids.map(() => new Float64Array(dims));
    const sizes = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const c = assignment[i]!;
      sizes[c]!++;
      const p = points[i]!;
      const s = sums[c]!;
      for (let d = 0; d < dims; d++) s[d]! += p[d]!;
    }
    for (let c = 0; c < k; c++) {
      // An empty cluster takes the point farthest from its own centre, so k clusters remain.
      if (sizes[c] === 0) {
        let far = 0;
        let farD = -1;
        for (let i = 0; i < n; i++) {
          const d = squaredDistance(points[i]!, centroids[assignment[i]!]!);
          if (d > farD) {
            farD = d;
            far = i;
          }
        }
        centroids[c] = Float64Array.from(points[far]!);
        assignment[far] = c;
        continue;
      }
      const s = sums[c]!;
      for (let d = 0; d < dims; d++) s[d]! /= sizes[c]!;
      centroids[c] = s;
    }
  }
  return { k, assignment, inertia };
}

/** Clusters numbered by first appearance, so equal partitions from different runs compare equal. */
function renumber(c: Clustering): Clustering {
  const map = new Map<number, number>();
  const assignment = c.assignment.map((a) => {
    if (!map.has(a)) map.set(a, map.size);
    return map.get(a)!;
  });
  return { ...c, k: map.size, assignment };
}

export function squaredDistance(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) {
    const x = a[d]! - b[d]!;
    sum += x * x;
  }
  return sum;
}

/** All pairwise Euclidean distances, row-major n × n. */
export function distanceMatrix(points: readonly Float64Array[]): Float64Array {
  const n = points.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = Math.sqrt(squaredDistance(points[i]!, points[j]!));
      out[i * n + j] = d;
      out[j * n + i] = d;
    }
  }
  return out;
}

/**
 * Mean silhouette (Rousseeuw 1987): for each point, (b − a) / max(a, b), where a is its
 * mean distance to its own cluster and b to the nearest other cluster; a point alone in
 * its cluster scores 0. From −1 (wrong clusters) through 0 (no structure) to 1.
 */
export function silhouette(distances: Float64Array, assignment: Int32Array, k: number): number {
  const values = silhouettes(distances, assignment, k);
  return values.reduce((a, b) => a + b, 0) / (values.length || 1);
}

/** The silhouette of each point (all 0 when there is no second cluster to compare with). */
export function silhouettes(distances: Float64Array, assignment: Int32Array, k: number): Float64Array {
  const n = assignment.length;
  const out = new Float64Array(n);
  if (k < 2 || n < 3) return out;
  const sizes = new Int32Array(k);
  for (const a of assignment) sizes[a]!++;
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) if (j !== i) sums[assignment[j]!]! += distances[i * n + j]!;
    const own = assignment[i]!;
    if (sizes[own]! <= 1) continue;
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    const m = Math.max(a, b);
    out[i] = m === 0 ? 0 : (b - a) / m;
  }
  return out;
}

/**
 * A silhouette in words, after Kaufman and Rousseeuw's reading (over 0.70 strong
 * structure, over 0.50 reasonable, over 0.25 weak, below that none to speak of).
 */
export function describeSeparation(s: number): string {
  return s > 0.7 ? 'clearly distinct' : s > 0.5 ? 'distinct' : s > 0.25 ? 'overlapping' : 'hardly separable';
}

export interface ChosenClustering extends Clustering {
  /** Silhouette of the chosen clustering (0 when k was given and is 1). */
  silhouette: number;
  /** How k was chosen, for the output. */
  chosenBy: 'given' | 'silhouette' | 'too-few' | 'alike';
  /** The silhouette of every k tried, when chosen by silhouette. */
  tried: { k: number; silhouette: number }[];
}

/** The largest number of personas suggested: more than 8 is rarely useful, and each should hold two people on average. */
export const MAX_SUGGESTED_K = 8;

/**
 * Clusters with k given, or with the k from 2 to min(8, n/2) of highest mean silhouette
 * (ties to the smaller k). Fewer than 4 points: one cluster.
 */
export function clusterProfiles(points: readonly Float64Array[], random: Random, k?: number): ChosenClustering {
  const n = points.length;
  if (k !== undefined) {
    const kk = Math.max(1, Math.min(k, n));
    const c = kk === 1 ? { k: 1, assignment: new Int32Array(n), inertia: 0 } : kMeans(points, kk, random);
    return { ...c, silhouette: kk > 1 ? silhouette(distanceMatrix(points), c.assignment, c.k) : 0, chosenBy: 'given', tried: [] };
  }
  const maxK = Math.min(MAX_SUGGESTED_K, Math.floor(n / 2));
  if (maxK < 2) return { k: 1, assignment: new Int32Array(n), inertia: 0, silhouette: 0, chosenBy: 'too-few', tried: [] };
  // Identical profiles (everyone coded with the same tags in the same shares) have no groups:
  // k-means would split them arbitrarily, into "personas" nothing tells apart.
  if (points.every((p) => p.every((v, d) => v === points[0]![d]))) return { k: 1, assignment: new Int32Array(n), inertia: 0, silhouette: 0, chosenBy: 'alike', tried: [] };
  const distances = distanceMatrix(points);
  let best: ChosenClustering | undefined;
  const tried: { k: number; silhouette: number }[] = [];
  for (let kk = 2; kk <= maxK; kk++) {
    const c = kMeans(points, kk, random);
    const s = silhouette(distances, c.assignment, c.k);
    tried.push({ k: kk, silhouette: s });
    if (!best || s > best.silhouette + 1e-9) best = { ...c, silhouette: s, chosenBy: 'silhouette', tried };
  }
  return best!;
}
