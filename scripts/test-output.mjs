// How scripts/test.mjs shows the output of steps that run at the same time: whole blocks for short steps,
// live lines with a prefix naming the run for long ones, so two runs never mix within a line.

export function createOutput(stream) {
  return {
    line(text) {
      stream.write(`${text}\n`);
    },
    /** A finished step's output under its header, in one write. */
    block(header, text) {
      stream.write(`\n${header}\n${text}${text && !text.endsWith('\n') ? '\n' : ''}`);
    },
    /** Keeps everything for `block` (stdout and stderr in the order they came). */
    buffered() {
      let text = '';
      return {
        write(_stream, chunk) {
          text += chunk;
        },
        end() {},
        text: () => text,
      };
    },
    /** Whole lines, each with the prefix; without a prefix, everything as it comes (stderr to stderr). */
    prefixed(prefix) {
      if (!prefix)
        return {
          write: (name, chunk) => (name === 'stderr' ? process.stderr : stream).write(chunk),
          end() {},
        };
      const partial = { stdout: '', stderr: '' };
      const emit = (lines) => {
        if (lines.length) stream.write(lines.map((l) => `${prefix}${l}\n`).join(''));
      };
      return {
        write(name, chunk) {
          const lines = (partial[name] + chunk).split('\n');
          partial[name] = lines.pop() ?? '';
          emit(lines);
        },
        end() {
          emit([partial.stdout, partial.stderr].filter(Boolean));
          partial.stdout = '';
          partial.stderr = '';
        },
      };
    },
  };
}
