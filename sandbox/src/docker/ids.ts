/**
 * Docker's identifiers (reference/docker.md §0.3, §3.4): 64 lowercase hex ids shown as 12,
 * and generated container names `adjective_surname` from our own short word lists (moby's
 * namesgenerator has ~108 adjectives and ~235 surnames; `boring_wozniak` is never produced).
 */
import type { Rng } from '../sim/rng';

export function hexId(rng: Rng, length = 64): string {
  let s = '';
  while (s.length < length) s += rng.u32().toString(16).padStart(8, '0');
  return s.slice(0, length);
}

export function shortId(id: string): string {
  return id.slice(0, 12);
}

const ADJECTIVES = [
  'admiring', 'adoring', 'agitated', 'amazing', 'angry', 'awesome', 'blissful', 'bold', 'brave', 'busy',
  'charming', 'clever', 'cool', 'crazy', 'dazzling', 'determined', 'distracted', 'dreamy', 'eager', 'ecstatic',
  'elastic', 'elegant', 'epic', 'focused', 'friendly', 'funny', 'gallant', 'gifted', 'goofy', 'happy', 'hopeful',
  'hungry', 'jolly', 'keen', 'kind', 'laughing', 'loving', 'lucid', 'magical', 'modest', 'musing', 'naughty',
  'nervous', 'nice', 'nifty', 'nostalgic', 'optimistic', 'pensive', 'practical', 'quirky', 'relaxed', 'romantic',
  'sad', 'serene', 'sharp', 'silly', 'sleepy', 'stoic', 'strange', 'sweet', 'tender', 'thirsty', 'trusting',
  'upbeat', 'vibrant', 'vigilant', 'wizardly', 'wonderful', 'youthful', 'zealous', 'zen',
];

const SURNAMES = [
  'agnesi', 'albattani', 'babbage', 'bohr', 'cerf', 'curie', 'darwin', 'dijkstra', 'einstein', 'euler', 'fermat',
  'feynman', 'franklin', 'galileo', 'hamilton', 'hawking', 'hopper', 'kahn', 'knuth', 'lamport', 'liskov',
  'lovelace', 'mccarthy', 'meitner', 'newton', 'noether', 'pasteur', 'perlman', 'ritchie', 'shannon', 'thompson',
  'torvalds', 'turing', 'wozniak',
];

/** A fresh name not in `taken`: as moby, a digit is appended on a clash (5 tries), then the short id. */
export function generateName(rng: Rng, taken: (n: string) => boolean, id: string): string {
  for (let i = 0; i < 6; i++) {
    let name = `${ADJECTIVES[rng.int(ADJECTIVES.length)]}_${SURNAMES[rng.int(SURNAMES.length)]}`;
    while (name === 'boring_wozniak') name = `${ADJECTIVES[rng.int(ADJECTIVES.length)]}_${SURNAMES[rng.int(SURNAMES.length)]}`;
    if (i > 0) name += String(rng.int(10));
    if (!taken(name)) return name;
  }
  return shortId(id);
}

/** A v28 bridge-endpoint MAC: random, unicast, locally administered (§3.8). */
export function randomLocalMac(rng: Rng): string {
  const b: number[] = [];
  for (let i = 0; i < 6; i++) b.push(rng.int(256));
  b[0] = (b[0]! & 0xfe) | 0x02;
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}
