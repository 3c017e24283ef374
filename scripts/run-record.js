/**
 * The record of a synthesis, so that `npm run synth` with nothing changed prints what the last run printed
 * instead of writing the same files again (decision 0027, docs/decisions/0027-replay-unchanged-synth.md).
 *
 * While the program runs, every file-system call and environment variable it reads is an observation,
 * kept with what it saw: a file's SHA-256, a directory's entries, whether a path exists, the fields of a
 * stat it looked at, a variable's value. Every file it writes, and every tree it removes or creates, is
 * an effect, kept with its final state (stat identity, entries). Its output to stdout and stderr is kept
 * in order. A run that does anything else (another file-system call, a file descriptor, a child process,
 * a module loaded from disk) or fails leaves no record of its own.
 *
 * The next run with the same program (the bundles' stat identities), arguments, working directory and
 * Node replays the record only if every observation sees now what it saw then and every effect's final
 * state is still there; otherwise it runs for real. Observations of paths that the run itself had removed
 * or written before are its own doing, so they are not compared. All effects are idempotent (a write, a
 * recursive mkdir, a forced rm; others add an observation that the path did or did not exist), so running
 * again from the recorded final state would observe, write and print the same.
 */
'use strict';
const { Buffer } = require('buffer');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const VERSION = 1;
/** The event by which a program claims a folder as its output (`OUTPUT_TREE_EVENT` of constructs/core/output-files.ts). */
const OUTPUT_TREE_EVENT = 'berth:output-tree';
/** Untouched file-system functions: the record's own reads and checks never count as observations. */
const real = { ...fs };

function sha256(data) {
  return crypto.createHash('sha256').update(data).digest('hex');
}

function errorCode(err) {
  return `error:${err && err.code ? err.code : 'unknown'}`;
}

/** What a stat field is, comparable as JSON. */
function fieldValue(value) {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'bigint') return String(value);
  return value;
}

function identity(st) {
  return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.mode}`;
}

/** The state of a tree as it is now: every path under `root` with its type and stat identity. */
function treeState(root) {
  const state = {};
  const walk = (p) => {
    let st;
    try {
      st = real.lstatSync(p);
    } catch (err) {
      state[p] = errorCode(err);
      return;
    }
    if (st.isDirectory()) {
      state[p] = 'dir';
      for (const name of real.readdirSync(p).sort()) walk(path.join(p, name));
    } else if (st.isSymbolicLink()) {
      state[p] = `link:${real.readlinkSync(p)}`;
    } else {
      state[p] = `file:${identity(st)}`;
    }
  };
  walk(root);
  return state;
}

/** Evaluates an observation now; returns what it sees, comparable as JSON. */
function evaluate(observation) {
  const [kind, p, option] = observation;
  try {
    switch (kind) {
      case 'read':
        return sha256(real.readFileSync(p));
      case 'exists':
        return real.existsSync(p);
      case 'stat': {
        const st = option.lstat ? real.lstatSync(p) : real.statSync(p);
        const fields = {};
        for (const field of option.fields) fields[field] = fieldValue(st[field]);
        return fields;
      }
      case 'readdir':
        return real
          .readdirSync(p, { withFileTypes: true })
          .map((d) => (option ? `${d.name}:${d.isDirectory() ? 'd' : d.isFile() ? 'f' : 'o'}` : d.name));
      case 'realpath':
        return real.realpathSync(p);
      case 'access':
        real.accessSync(p, option);
        return true;
      case 'env':
        return process.env[p] ?? null;
      case 'env-all':
        return JSON.stringify(Object.entries(process.env).sort());
      default:
        return `unknown:${kind}`;
    }
  } catch (err) {
    return errorCode(err);
  }
}

function readRecord(file) {
  try {
    return JSON.parse(real.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Replays the record in `file` if it was made with `key` and still holds: prints its output, sets its
 * exit code and returns true. Otherwise returns false and changes nothing.
 */
function replay(file, key) {
  const record = readRecord(file);
  if (
    record === undefined ||
    record.version !== VERSION ||
    JSON.stringify(record.key) !== JSON.stringify(key)
  )
    return false;
  const changed = (what) => {
    if (process.env.BERTH_DEBUG) console.error(`(not replayed: ${what} changed)`);
    return false;
  };
  for (const [observation, seen] of record.observations) {
    if (JSON.stringify(evaluate(observation)) !== JSON.stringify(seen))
      return changed(JSON.stringify(observation));
  }
  for (const [root, state] of Object.entries(record.trees)) {
    if (JSON.stringify(treeState(root)) !== JSON.stringify(state)) return changed(root);
  }
  for (const [stream, base64] of record.output) {
    (stream === 2 ? process.stderr : process.stdout).write(Buffer.from(base64, 'base64'));
  }
  process.exitCode = record.exitCode;
  return true;
}

/**
 * Starts recording: from `begin()` on, the program's file-system calls, environment reads and output
 * are recorded; at exit the record is written to `file` (or removed, when the run cannot be replayed).
 * Call before anything else registers an exit handler, so that later handlers (the code caches) are not
 * recorded. Returns `{ begin, aside, taint }`.
 */
function start(file, key) {
  const observations = [];
  const stats = [];
  const output = [];
  /** Paths the run removed, created or wrote: their state is its own doing from then on. */
  const owned = new Set();
  let active = false;
  let depth = 0;
  let tainted;

  const taint = (why) => {
    if (active && tainted === undefined) tainted = why;
  };
  const isOwned = (p) => {
    for (let q = p; ; q = path.dirname(q)) {
      if (owned.has(q)) return true;
      if (path.dirname(q) === q) return false;
    }
  };
  const seenBefore = new Set();
  /** `seen` may be a function giving it: then called only for an observation the record keeps. */
  const observe = (observation, seen) => {
    if (observation[1] !== undefined && isOwned(observation[1])) return;
    if (typeof seen === 'function') seen = seen();
    const text = JSON.stringify([observation, seen]);
    if (seenBefore.has(text)) return;
    seenBefore.add(text);
    observations.push([observation, seen]);
  };
  const absolute = (p) => (typeof p === 'string' ? path.resolve(p) : undefined);
  // A folder the program declares it owns whole (OutputFiles.claim): what it held before decides nothing
  // the program prints or leaves but which files are written again, so what the run reads there is its
  // own doing, and the folder's final state is one of its effects.
  process.on(OUTPUT_TREE_EVENT, (root) => {
    if (active && typeof root === 'string') owned.add(path.resolve(root));
  });

  /** Wraps fs[name]: `track(args, call)` records around the real call, or throws to taint. */
  const wrap = (name, track) => {
    const original = fs[name];
    fs[name] = function (...args) {
      if (!active || depth > 0) return original.apply(this, args);
      depth++;
      try {
        return track(args, () => original.apply(this, args));
      } finally {
        depth--;
      }
    };
  };
  const pathOf = (args, name) => {
    const p = absolute(args[0]);
    if (p === undefined) taint(`${name} of a file descriptor, Buffer or URL`);
    return p;
  };
  const failing = (name, call) => {
    try {
      return call();
    } catch (err) {
      taint(`${name} failed: ${err.code}`);
      throw err;
    }
  };

  wrap('readFileSync', (args, call) => {
    const p = pathOf(args, 'readFileSync');
    let content;
    try {
      content = call();
    } catch (err) {
      if (p !== undefined) observe(['read', p], errorCode(err));
      throw err;
    }
    if (p !== undefined) observe(['read', p], () => sha256(content));
    return content;
  });
  wrap('existsSync', (args, call) => {
    const p = pathOf(args, 'existsSync');
    const seen = call();
    if (p !== undefined) observe(['exists', p], seen);
    return seen;
  });
  for (const name of ['statSync', 'lstatSync']) {
    wrap(name, (args, call) => {
      const p = pathOf(args, name);
      const option = { lstat: name === 'lstatSync', fields: new Set() };
      const missing = (seen) =>
        p !== undefined && observe(['stat', p, { lstat: option.lstat, fields: [] }], seen);
      let st;
      try {
        st = call();
      } catch (err) {
        missing(errorCode(err));
        throw err;
      }
      if (st === undefined || p === undefined) {
        missing(errorCode({ code: 'ENOENT' }));
        return st;
      }
      const entry = { observation: ['stat', p, option], st };
      if (!isOwned(p)) stats.push(entry);
      // The fields the program reads are what it observed (isDirectory() reads `mode`).
      return new Proxy(st, {
        get(target, field, receiver) {
          const value = Reflect.get(target, field, receiver);
          if (typeof field === 'string' && typeof value !== 'function') option.fields.add(field);
          return value;
        },
        ownKeys(target) {
          for (const field of Reflect.ownKeys(target))
            if (typeof field === 'string') option.fields.add(field);
          return Reflect.ownKeys(target);
        },
      });
    });
  }
  wrap('readdirSync', (args, call) => {
    const p = pathOf(args, 'readdirSync');
    const options = args[1];
    if (options && typeof options === 'object' && options.recursive) taint('readdirSync recursive');
    const withTypes = Boolean(options && typeof options === 'object' && options.withFileTypes);
    let entries;
    try {
      entries = call();
    } catch (err) {
      if (p !== undefined) observe(['readdir', p, withTypes], errorCode(err));
      throw err;
    }
    // Compared as the evaluator lists them: in the order the file system gives, with types when asked.
    if (p !== undefined) observe(['readdir', p, withTypes], () => evaluate(['readdir', p, withTypes]));
    return entries;
  });
  wrap('realpathSync', (args, call) => {
    const p = pathOf(args, 'realpathSync');
    const seen = failing('realpathSync', call);
    if (p !== undefined) observe(['realpath', p], seen);
    return seen;
  });
  wrap('accessSync', (args, call) => {
    const p = pathOf(args, 'accessSync');
    try {
      call();
    } catch (err) {
      if (p !== undefined) observe(['access', p, args[1]], errorCode(err));
      throw err;
    }
    if (p !== undefined) observe(['access', p, args[1]], true);
  });

  // Effects. Each is idempotent, or adds the observation that makes it so.
  wrap('writeFileSync', (args, call) => {
    const p = pathOf(args, 'writeFileSync');
    const options = args[2];
    const flag = typeof options === 'object' && options !== null ? options.flag : undefined;
    if (flag !== undefined && flag !== 'w') taint(`writeFileSync with flag ${flag}`);
    failing('writeFileSync', call);
    if (p !== undefined) owned.add(p);
  });
  wrap('mkdirSync', (args, call) => {
    const p = pathOf(args, 'mkdirSync');
    if (p === undefined) return call();
    // Whether it existed decides what mkdir returns, and whether a plain mkdir fails.
    const existed = real.existsSync(p);
    observe(['exists', p], existed);
    const result = failing('mkdirSync', call);
    if (!existed) owned.add(p);
    return result;
  });
  wrap('rmSync', (args, call) => {
    const p = pathOf(args, 'rmSync');
    const options = args[1];
    if (p !== undefined && !(options && options.force)) observe(['exists', p], () => real.existsSync(p));
    failing('rmSync', call);
    if (p !== undefined) owned.add(p);
  });
  for (const name of ['rmdirSync', 'unlinkSync']) {
    wrap(name, (args, call) => {
      const p = pathOf(args, name);
      if (p !== undefined) observe(['exists', p], () => real.existsSync(p));
      failing(name, call);
      if (p !== undefined) owned.add(p);
    });
  }
  wrap('copyFileSync', (args, call) => {
    const from = pathOf(args, 'copyFileSync');
    const to = absolute(args[1]);
    if (to === undefined) taint('copyFileSync to a Buffer or URL');
    if (args[2]) taint('copyFileSync with a mode');
    if (from !== undefined) observe(['read', from], () => evaluate(['read', from]));
    failing('copyFileSync', call);
    if (to !== undefined) owned.add(to);
  });
  // Everything else the program might do with files cannot be replayed.
  const tracked = new Set([
    'readFileSync',
    'existsSync',
    'statSync',
    'lstatSync',
    'readdirSync',
    'realpathSync',
    'accessSync',
    'writeFileSync',
    'mkdirSync',
    'rmSync',
    'rmdirSync',
    'unlinkSync',
    'copyFileSync',
  ]);
  for (const name of Object.keys(fs)) {
    if (tracked.has(name) || typeof fs[name] !== 'function' || /^[A-Z]/.test(name)) continue;
    wrap(name, (args, call) => {
      taint(`fs.${name}`);
      return call();
    });
  }
  const taintAll = (object, label) => {
    for (const name of Object.keys(object)) {
      const original = object[name];
      if (typeof original !== 'function' || /^[A-Z]/.test(name)) continue;
      object[name] = function (...args) {
        if (depth === 0) taint(`${label}.${name}`);
        return original.apply(this, args);
      };
    }
  };
  taintAll(fs.promises, 'fs.promises');
  taintAll(require('child_process'), 'child_process');

  // cdktf and cdk8s read a few variables thousands of times (LOG_TOKENS once per token): a variable seen
  // with the value it had when last observed is not observed again. A variable the program set or
  // deleted holds its own doing from then on, as an owned path does.
  const lastSeen = new Map();
  const ownVariables = new Set();
  const observeEnv = (target, name) => {
    const value = target[name] ?? null;
    if (ownVariables.has(name) || (lastSeen.get(name) === value && lastSeen.has(name))) return;
    lastSeen.set(name, value);
    observe(['env', name], value);
  };
  const env = process.env;
  process.env = new Proxy(env, {
    get(target, name) {
      if (active && depth === 0 && typeof name === 'string') observeEnv(target, name);
      return target[name];
    },
    has(target, name) {
      if (active && depth === 0 && typeof name === 'string') observeEnv(target, name);
      return name in target;
    },
    set(target, name, value) {
      if (active && typeof name === 'string') ownVariables.add(name);
      target[name] = value;
      return true;
    },
    deleteProperty(target, name) {
      if (active && typeof name === 'string') ownVariables.add(name);
      return delete target[name];
    },
    ownKeys(target) {
      if (active && depth === 0) observe(['env-all'], JSON.stringify(Object.entries(target).sort()));
      return Reflect.ownKeys(target);
    },
  });

  for (const [fd, stream] of [
    [1, process.stdout],
    [2, process.stderr],
  ]) {
    const write = stream.write;
    stream.write = function (chunk, encoding) {
      if (active && depth === 0) {
        const bytes =
          typeof chunk === 'string'
            ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8')
            : chunk;
        output.push([fd, Buffer.from(bytes).toString('base64')]);
      }
      depth++;
      try {
        return write.apply(this, arguments);
      } finally {
        depth--;
      }
    };
  }

  process.on('exit', (code) => {
    active = false;
    try {
      // An earlier record stays: it is replayed only if all it saw and left is as it was, whatever ran since.
      if (code !== 0 || tainted !== undefined) {
        if (process.env.BERTH_DEBUG && tainted) console.error(`(not recorded for replay: ${tainted})`);
        return;
      }
      for (const { observation, st } of stats) {
        const fields = {};
        observation[2] = { lstat: observation[2].lstat, fields: [...observation[2].fields].sort() };
        for (const field of observation[2].fields) fields[field] = fieldValue(st[field]);
        observations.push([observation, fields]);
      }
      const roots = [...owned].filter((p) => !isOwnedBy(p, owned)).sort();
      const trees = {};
      for (const root of roots) trees[root] = treeState(root);
      const record = { version: VERSION, key, exitCode: code, observations, trees, output };
      const partial = `${file}.${process.pid}`;
      real.writeFileSync(partial, JSON.stringify(record));
      real.renameSync(partial, file);
    } catch (err) {
      // A record that cannot be written is only a missed shortcut.
      if (process.env.BERTH_DEBUG) console.error(`(no record for replay: ${err.message})`);
    }
  });

  return {
    begin() {
      active = true;
    },
    /** Runs `read` unrecorded: what it reads must be part of the record's key (a bundle of the program). */
    aside(read) {
      depth++;
      try {
        return read();
      } finally {
        depth--;
      }
    },
    taint,
  };
}

/** Whether `p` lies strictly inside another path of `paths`. */
function isOwnedBy(p, paths) {
  for (let q = path.dirname(p); ; q = path.dirname(q)) {
    if (paths.has(q)) return true;
    if (path.dirname(q) === q) return false;
  }
}

module.exports = { replay, start, VERSION };
