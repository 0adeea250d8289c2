/**
 * Maximum-weight matching in a general graph: Edmonds' blossom algorithm with the primal-dual
 * method, O(n³). A TypeScript port of Joris van Rantwijk's mwmatching.py (public domain), which
 * follows Galil, "Efficient Algorithms for Finding Maximum Matching in Graphs" (ACM Computing
 * Surveys, 1986); the names (S/T labels, blossoms, duals, slack) are the paper's. Integer weights
 * keep every dual a multiple of ½, so the arithmetic is exact in doubles.
 *
 * Why a port rather than a package: the npm ports of the same code are unmaintained and untyped,
 * and this one is pinned by the reference's own test graphs (test/unit/pairs-matching.test.ts).
 */

/** An undirected edge: two vertices in 0..n-1 and a weight. */
export type WeightedEdge = readonly [number, number, number];

/** Negative indices count from the end, as in the Python original. */
const at = (list: readonly number[], i: number): number => list[i < 0 ? list.length + i : i];

/**
 * The mate of each vertex (-1 when single) in a matching of maximum total weight; with
 * `maxCardinality`, of maximum weight among the matchings with the most edges.
 */
export function maxWeightMatching(
  n: number,
  edges: readonly WeightedEdge[],
  maxCardinality = false,
): number[] {
  const ends = new Int32Array(2 * edges.length);
  const weights = new Float64Array(edges.length);
  edges.forEach(([i, j, w], k) => {
    ends[2 * k] = i;
    ends[2 * k + 1] = j;
    weights[k] = w;
  });
  return maxWeightMatchingOf(n, ends, weights, maxCardinality);
}

/** The same, for edges as flat arrays: edge k joins endpoint[2k] and endpoint[2k+1] and weighs weight[k]. */
export function maxWeightMatchingOf(
  n: number,
  endpoint: Int32Array,
  weight: Float64Array,
  maxCardinality = false,
): number[] {
  const nedge = weight.length;
  if (nedge === 0) return new Array<number>(n).fill(-1);
  let maxWeight = 0;
  for (const w of weight) maxWeight = Math.max(maxWeight, w);
  // Endpoint p of edge p>>1 is vertex endpoint[p]; p^1 is the other end of the same edge. Typed
  // arrays throughout: this runs O(n³) steps and plain arrays were several times slower.
  const neighbend: number[][] = Array.from({ length: n }, () => []);
  for (let p = 0; p < 2 * nedge; p += 1) neighbend[endpoint[p ^ 1]].push(p);
  const mate = new Int32Array(n).fill(-1); // remote endpoint of v's matched edge
  const label = new Int32Array(2 * n); // 0 free, 1 S, 2 T (5 = breadcrumb while scanning)
  const labelEnd = new Int32Array(2 * n).fill(-1);
  const inBlossom = Int32Array.from({ length: n }, (_, v) => v);
  const blossomParent = new Int32Array(2 * n).fill(-1);
  const blossomChilds: number[][] = Array.from({ length: 2 * n }, () => []);
  const blossomBase = Int32Array.from({ length: 2 * n }, (_, b) => (b < n ? b : -1));
  const blossomEndps: number[][] = Array.from({ length: 2 * n }, () => []);
  const bestEdge = new Int32Array(2 * n).fill(-1);
  const blossomBestEdges: (number[] | null)[] = new Array(2 * n).fill(null);
  const unusedBlossoms = Array.from({ length: n }, (_, i) => n + i);
  const dualVar = Float64Array.from({ length: 2 * n }, (_, b) => (b < n ? maxWeight : 0));
  const allowEdge = new Uint8Array(nedge);
  let queue: number[] = [];

  const slack = (k: number) => dualVar[endpoint[2 * k]] + dualVar[endpoint[2 * k + 1]] - 2 * weight[k];
  const collectLeaves = (b: number, out: number[]): number[] => {
    if (b < n) out.push(b);
    else for (const t of blossomChilds[b]) collectLeaves(t, out);
    return out;
  };
  const leaves = (b: number): number[] => collectLeaves(b, []);

  function assignLabel(w: number, t: number, p: number): void {
    const b = inBlossom[w];
    label[w] = label[b] = t;
    labelEnd[w] = labelEnd[b] = p;
    bestEdge[w] = bestEdge[b] = -1;
    if (t === 1) queue.push(...leaves(b));
    else {
      const base = blossomBase[b];
      assignLabel(endpoint[mate[base]], 1, mate[base] ^ 1);
    }
  }

  /** Trace back from v and w: the base of a new blossom, or -1 for an augmenting path. */
  function scanBlossom(v: number, w: number): number {
    const path: number[] = [];
    let base = -1;
    while (v !== -1 || w !== -1) {
      let b = inBlossom[v];
      if (label[b] & 4) {
        base = blossomBase[b];
        break;
      }
      path.push(b);
      label[b] = 5;
      if (labelEnd[b] === -1) v = -1;
      else {
        v = endpoint[labelEnd[b]];
        b = inBlossom[v];
        v = endpoint[labelEnd[b]];
      }
      if (w !== -1) [v, w] = [w, v];
    }
    for (const b of path) label[b] = 1;
    return base;
  }

  function addBlossom(base: number, k: number): void {
    const [v0, w0] = [endpoint[2 * k], endpoint[2 * k + 1]];
    const bb = inBlossom[base];
    let bv = inBlossom[v0];
    let bw = inBlossom[w0];
    const b = unusedBlossoms.pop() as number;
    blossomBase[b] = base;
    blossomParent[b] = -1;
    blossomParent[bb] = b;
    const path: number[] = [];
    const endps: number[] = [];
    while (bv !== bb) {
      blossomParent[bv] = b;
      path.push(bv);
      endps.push(labelEnd[bv]);
      bv = inBlossom[endpoint[labelEnd[bv]]];
    }
    path.push(bb);
    path.reverse();
    endps.reverse();
    endps.push(2 * k);
    while (bw !== bb) {
      blossomParent[bw] = b;
      path.push(bw);
      endps.push(labelEnd[bw] ^ 1);
      bw = inBlossom[endpoint[labelEnd[bw]]];
    }
    blossomChilds[b] = path;
    blossomEndps[b] = endps;
    label[b] = 1;
    labelEnd[b] = labelEnd[bb];
    dualVar[b] = 0;
    for (const v of leaves(b)) {
      if (label[inBlossom[v]] === 2) queue.push(v);
      inBlossom[v] = b;
    }
    const bestEdgeTo = new Array<number>(2 * n).fill(-1);
    for (const sub of path) {
      const consider = (e: number) => {
        const j = endpoint[2 * e + 1];
        const bj = inBlossom[inBlossom[j] === b ? endpoint[2 * e] : j];
        const best = bestEdgeTo[bj];
        if (bj !== b && label[bj] === 1 && (best === -1 || slack(e) < slack(best))) bestEdgeTo[bj] = e;
      };
      const known = blossomBestEdges[sub];
      if (known) known.forEach(consider);
      else for (const v of leaves(sub)) for (const p of neighbend[v]) consider(p >> 1);
      blossomBestEdges[sub] = null;
      bestEdge[sub] = -1;
    }
    const best = bestEdgeTo.filter((e) => e !== -1);
    blossomBestEdges[b] = best;
    bestEdge[b] = -1;
    for (const e of best) if (bestEdge[b] === -1 || slack(e) < slack(bestEdge[b])) bestEdge[b] = e;
  }

  function expandBlossom(b: number, endStage: boolean): void {
    const childs = blossomChilds[b];
    const endps = blossomEndps[b];
    for (const s of childs) {
      blossomParent[s] = -1;
      if (s < n) inBlossom[s] = s;
      else if (endStage && dualVar[s] === 0) expandBlossom(s, endStage);
      else for (const v of leaves(s)) inBlossom[v] = s;
    }
    if (!endStage && label[b] === 2) {
      // Relabel the sub-blossoms from the one through which b got its label, round to the base.
      const entryChild = inBlossom[endpoint[labelEnd[b] ^ 1]];
      let j = childs.indexOf(entryChild);
      const [jstep, trick] = j & 1 ? [1, 0] : [-1, 1];
      if (j & 1) j -= childs.length;
      let p = labelEnd[b];
      while (j !== 0) {
        label[endpoint[p ^ 1]] = 0;
        label[endpoint[at(endps, j - trick) ^ trick ^ 1]] = 0;
        assignLabel(endpoint[p ^ 1], 2, p);
        allowEdge[at(endps, j - trick) >> 1] = 1;
        j += jstep;
        p = at(endps, j - trick) ^ trick;
        allowEdge[p >> 1] = 1;
        j += jstep;
      }
      const bv = at(childs, j);
      label[endpoint[p ^ 1]] = label[bv] = 2;
      labelEnd[endpoint[p ^ 1]] = labelEnd[bv] = p;
      bestEdge[bv] = -1;
      j += jstep;
      while (at(childs, j) !== entryChild) {
        const sub = at(childs, j);
        j += jstep;
        if (label[sub] === 1) continue;
        const reached = leaves(sub).find((v) => label[v] !== 0);
        if (reached !== undefined) {
          label[reached] = 0;
          label[endpoint[mate[blossomBase[sub]]]] = 0;
          assignLabel(reached, 2, labelEnd[reached]);
        }
      }
    }
    label[b] = labelEnd[b] = -1;
    blossomChilds[b] = [];
    blossomEndps[b] = [];
    blossomBase[b] = -1;
    blossomBestEdges[b] = null;
    bestEdge[b] = -1;
    unusedBlossoms.push(b);
  }

  /** Swap matched and unmatched edges on the alternating path from v to the base of blossom b. */
  function augmentBlossom(b: number, v: number): void {
    let t = v;
    while (blossomParent[t] !== b) t = blossomParent[t];
    if (t >= n) augmentBlossom(t, v);
    const childs = blossomChilds[b];
    const endps = blossomEndps[b];
    const i = childs.indexOf(t);
    let j = i;
    const [jstep, trick] = i & 1 ? [1, 0] : [-1, 1];
    if (i & 1) j -= childs.length;
    while (j !== 0) {
      j += jstep;
      t = at(childs, j);
      const p = at(endps, j - trick) ^ trick;
      if (t >= n) augmentBlossom(t, endpoint[p]);
      j += jstep;
      t = at(childs, j);
      if (t >= n) augmentBlossom(t, endpoint[p ^ 1]);
      mate[endpoint[p]] = p ^ 1;
      mate[endpoint[p ^ 1]] = p;
    }
    blossomChilds[b] = [...childs.slice(i), ...childs.slice(0, i)];
    blossomEndps[b] = [...endps.slice(i), ...endps.slice(0, i)];
    blossomBase[b] = blossomBase[blossomChilds[b][0]];
  }

  /** Augment along the path through edge k, which joins two S-vertices. */
  function augmentMatching(k: number): void {
    const [v, w] = [endpoint[2 * k], endpoint[2 * k + 1]];
    for (const [start, end] of [
      [v, 2 * k + 1],
      [w, 2 * k],
    ] as const) {
      let s = start;
      let p = end;
      for (;;) {
        const bs = inBlossom[s];
        if (bs >= n) augmentBlossom(bs, s);
        mate[s] = p;
        if (labelEnd[bs] === -1) break;
        const bt = inBlossom[endpoint[labelEnd[bs]]];
        const lt = labelEnd[bt];
        s = endpoint[lt];
        const j = endpoint[lt ^ 1];
        if (bt >= n) augmentBlossom(bt, j);
        mate[j] = lt;
        p = lt ^ 1;
      }
    }
  }

  for (let stage = 0; stage < n; stage += 1) {
    label.fill(0);
    bestEdge.fill(-1);
    for (let b = n; b < 2 * n; b += 1) blossomBestEdges[b] = null;
    allowEdge.fill(0);
    queue = [];
    for (let v = 0; v < n; v += 1) {
      if (mate[v] === -1 && label[inBlossom[v]] === 0) assignLabel(v, 1, -1);
    }
    let augmented = false;
    for (;;) {
      while (queue.length > 0 && !augmented) {
        const v = queue.pop() as number;
        for (const p of neighbend[v]) {
          const k = p >> 1;
          const w = endpoint[p];
          if (inBlossom[v] === inBlossom[w]) continue;
          let kslack = 0;
          if (!allowEdge[k]) {
            kslack = slack(k);
            if (kslack <= 0) allowEdge[k] = 1;
          }
          const lw = label[inBlossom[w]];
          if (allowEdge[k]) {
            if (lw === 0) assignLabel(w, 2, p ^ 1);
            else if (lw === 1) {
              const base = scanBlossom(v, w);
              if (base >= 0) addBlossom(base, k);
              else {
                augmentMatching(k);
                augmented = true;
                break;
              }
            } else if (label[w] === 0) {
              label[w] = 2;
              labelEnd[w] = p ^ 1;
            }
          } else if (lw === 1) {
            const b = inBlossom[v];
            if (bestEdge[b] === -1 || kslack < slack(bestEdge[b])) bestEdge[b] = k;
          } else if (label[w] === 0) {
            if (bestEdge[w] === -1 || kslack < slack(bestEdge[w])) bestEdge[w] = k;
          }
        }
      }
      if (augmented) break;

      // No augmenting path under these constraints: move the duals by the least delta.
      let deltaType = -1;
      let delta = 0;
      let deltaEdge = -1;
      let deltaBlossom = -1;
      const offer = (type: number, d: number, edge: number, blossom: number) => {
        if (deltaType !== -1 && d >= delta) return;
        deltaType = type;
        delta = d;
        deltaEdge = edge;
        deltaBlossom = blossom;
      };
      const minVertexDual = () => Math.min(...dualVar.subarray(0, n));
      if (!maxCardinality) offer(1, minVertexDual(), -1, -1);
      for (let v = 0; v < n; v += 1) {
        if (label[inBlossom[v]] === 0 && bestEdge[v] !== -1) {
          offer(2, slack(bestEdge[v]), bestEdge[v], -1);
        }
      }
      for (let b = 0; b < 2 * n; b += 1) {
        if (blossomParent[b] === -1 && label[b] === 1 && bestEdge[b] !== -1) {
          offer(3, slack(bestEdge[b]) / 2, bestEdge[b], -1);
        }
      }
      for (let b = n; b < 2 * n; b += 1) {
        if (blossomBase[b] !== -1 && blossomParent[b] === -1 && label[b] === 2) {
          offer(4, dualVar[b], -1, b);
        }
      }
      if (deltaType === -1) [deltaType, delta] = [1, Math.max(0, minVertexDual())];

      for (let v = 0; v < n; v += 1) {
        const lv = label[inBlossom[v]];
        if (lv === 1) dualVar[v] = dualVar[v] - delta;
        else if (lv === 2) dualVar[v] = dualVar[v] + delta;
      }
      for (let b = n; b < 2 * n; b += 1) {
        if (blossomBase[b] !== -1 && blossomParent[b] === -1) {
          if (label[b] === 1) dualVar[b] = dualVar[b] + delta;
          else if (label[b] === 2) dualVar[b] = dualVar[b] - delta;
        }
      }

      if (deltaType === 1) break;
      if (deltaType === 4) expandBlossom(deltaBlossom, false);
      else {
        allowEdge[deltaEdge] = 1;
        const [i, j] = [endpoint[2 * deltaEdge], endpoint[2 * deltaEdge + 1]];
        queue.push(deltaType === 2 && label[inBlossom[i]] === 0 ? j : i);
      }
    }
    if (!augmented) break;
    for (let b = n; b < 2 * n; b += 1) {
      if (blossomParent[b] === -1 && blossomBase[b] !== -1 && label[b] === 1 && dualVar[b] === 0) {
        expandBlossom(b, true);
      }
    }
  }
  return Array.from(mate, (p) => (p === -1 ? -1 : endpoint[p]));
}
