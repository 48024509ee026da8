// The hostile-strings suite's own cases, beside the Big List of Naughty Strings it samples.

/** Cases the list lacks or holds only once: bidi, zero-width, astral, combining, noncharacters, controls. */
export const EXTRA = [
  '\u202eevil\u202c.exe',
  '\u2067isolate\u2069 \u200fRLM\u200e',
  'a\u200b\u200c\u200d\u2060b',
  '\ufeffBOM first',
  '🚀',
  '👩‍👩‍👧‍👦 family',
  '🏳️‍🌈 flag',
  '𝕳𝖊𝖑𝖑𝖔 𝟘𝟙',
  'e\u0301 (NFD) vs é (NFC)',
  'Z̸̢̛̖̗a̶̡̛͎l̷̢̛͚g̸̡̛̖o̴̢̡̧',
  '\uffff\ufffe\ufdd0',
  '\u{10ffff}\u{e0001}',
  'line\u2028sep\u2029para',
  '\u0001\u001b[31mred\u001b[0m\u007f\u0085\u009f',
  'tab\tand\nnewline\r\nend',
  '  leading and trailing  ',
  '\u00a0\u3000wide spaces\u00a0',
  '%_\\ like wildcards',
  "=cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  'javascript:alert(1)',
];

/** Unpaired UTF-16 surrogates are not Unicode text: every field refuses them, naming itself. */
export const LONE_SURROGATES = ['\ud800', 'a\udc00b', 'end\udbff', '\udc00\ud800'];
