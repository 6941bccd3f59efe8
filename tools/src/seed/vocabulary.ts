// Word lists the seed text is assembled from. Tags are listed most popular first: the seeder
// draws them with Zipf weights by position.

export const FIRST_NAMES = [
  'ada', 'alan', 'amara', 'anders', 'ane', 'anika', 'aria', 'arjun', 'astrid', 'aylin', 'bea', 'bilal',
  'bruno', 'camille', 'carlos', 'chen', 'chiara', 'cora', 'dalia', 'dante', 'daria', 'diego', 'dmitri',
  'edith', 'elif', 'elena', 'emeka', 'emil', 'esme', 'farah', 'felix', 'fiona', 'freya', 'gabriel',
  'grace', 'greta', 'hana', 'hassan', 'helga', 'hugo', 'ida', 'ikaika', 'ines', 'ingrid', 'isaac',
  'ivo', 'jamal', 'jana', 'javier', 'jin', 'jonah', 'josefin', 'julia', 'kai', 'kamala', 'karim',
  'kasia', 'kenji', 'kira', 'lars', 'layla', 'leila', 'leon', 'lina', 'lucia', 'luka', 'mabel',
  'malik', 'mara', 'marek', 'marta', 'mateo', 'maya', 'mei', 'milan', 'mira', 'nadia', 'naomi',
  'nico', 'nina', 'noor', 'odile', 'olga', 'omar', 'oskar', 'paloma', 'pavel', 'petra', 'priya',
  'quentin', 'rafael', 'rahel', 'ravi', 'rhea', 'rosa', 'ruben', 'saanvi', 'sami', 'sana', 'selma',
  'sergei', 'sofia', 'sunita', 'tariq', 'tessa', 'theo', 'tomas', 'uma', 'una', 'valentin', 'vera',
  'viktor', 'wanjiru', 'wei', 'xavier', 'yara', 'yusuf', 'zara', 'zeynep', 'zoltan',
] as const;

export const LAST_NAMES = [
  'abara', 'adeyemi', 'alvarez', 'andersson', 'arslan', 'baker', 'banerjee', 'becker', 'bianchi',
  'bjork', 'castillo', 'chandra', 'costa', 'dahl', 'delacroix', 'dimitrov', 'dubois', 'eriksen',
  'fernandes', 'fischer', 'fontaine', 'garcia', 'gonzaga', 'haddad', 'halvorsen', 'hoang', 'ibrahim',
  'ivanova', 'jensen', 'kamau', 'kapoor', 'kim', 'kowalski', 'kruger', 'laine', 'larsen', 'lebrun',
  'lindqvist', 'lopez', 'mancini', 'marsh', 'mendes', 'moreau', 'morales', 'nakamura', 'novak',
  'nowak', 'nguyen', 'obi', 'okafor', 'olsen', 'ortiz', 'park', 'patel', 'pereira', 'petrov',
  'quispe', 'rahman', 'reyes', 'rossi', 'sato', 'schmidt', 'silva', 'singh', 'sorensen', 'suzuki',
  'takahashi', 'tanaka', 'torres', 'umar', 'valdez', 'varga', 'vogel', 'wagner', 'walsh', 'weber',
  'wright', 'yamada', 'yilmaz', 'zhang', 'zielinski',
] as const;

/** About 200 tags, most used first. */
export const TAGS = [
  'javascript', 'programming', 'webdev', 'typescript', 'react', 'productivity', 'career', 'python',
  'design', 'node', 'css', 'opensource', 'beginners', 'tutorial', 'architecture', 'devops',
  'databases', 'postgres', 'testing', 'security', 'writing', 'performance', 'frontend', 'backend',
  'rust', 'go', 'ux', 'cloud', 'aws', 'docker', 'kubernetes', 'linux', 'machinelearning', 'ai',
  'datascience', 'startup', 'leadership', 'remote', 'accessibility', 'html', 'api', 'graphql', 'git',
  'vim', 'terminal', 'books', 'learning', 'mentalhealth', 'photography', 'travel', 'cooking',
  'music', 'history', 'science', 'space', 'climate', 'cycling', 'running', 'gardening', 'coffee',
  'java', 'kotlin', 'swift', 'android', 'ios', 'mobile', 'flutter', 'vue', 'svelte', 'angular',
  'nextjs', 'vite', 'webpack', 'tooling', 'compilers', 'functional', 'haskell', 'elixir', 'erlang',
  'clojure', 'scala', 'csharp', 'dotnet', 'cpp', 'c', 'zig', 'wasm', 'embedded', 'hardware',
  'electronics', 'robotics', 'iot', 'networking', 'http', 'dns', 'cdn', 'caching', 'redis', 'sql',
  'nosql', 'mongodb', 'sqlite', 'kafka', 'queues', 'microservices', 'monolith', 'serverless',
  'terraform', 'ansible', 'observability', 'logging', 'monitoring', 'sre', 'incidents', 'oncall',
  'privacy', 'cryptography', 'auth', 'oauth', 'passwords', 'browsers', 'chrome', 'firefox', 'safari',
  'typography', 'color', 'illustration', 'animation', 'gamedev', 'unity', 'godot', 'shaders',
  'graphics', 'math', 'statistics', 'algorithms', 'datastructures', 'interviews', 'hiring',
  'management', 'teams', 'culture', 'burnout', 'freelance', 'money', 'economics', 'philosophy',
  'ethics', 'education', 'teaching', 'parenting', 'fitness', 'health', 'sleep', 'nature', 'hiking',
  'climbing', 'sailing', 'chess', 'boardgames', 'film', 'poetry', 'fiction', 'journalism',
  'podcasts', 'newsletters', 'blogging', 'markdown', 'documentation', 'refactoring', 'legacy',
  'codereview', 'pairing', 'agile', 'estimation', 'product', 'analytics', 'seo', 'marketing',
  'ecommerce', 'payments', 'fintech', 'healthtech', 'edtech', 'civictech', 'maps', 'gis',
  'openstreetmap', 'i18n', 'unicode', 'regex', 'bash', 'emacs', 'neovim', 'keyboards', 'homelab',
  'selfhosting', 'raspberrypi', 'nginx', 'tls', 'ipv6',
] as const;

export const ADJECTIVES = [
  'quiet', 'practical', 'honest', 'gentle', 'stubborn', 'surprising', 'boring', 'forgotten', 'humble',
  'fearless', 'small', 'slow', 'fast', 'simple', 'tiny', 'hidden', 'careful', 'pragmatic', 'modern',
  'old-fashioned', 'reliable', 'curious', 'unreasonable', 'lazy', 'patient', 'elegant', 'messy',
  'accidental', 'deliberate', 'friendly', 'strange', 'invisible', 'everyday', 'long', 'short',
] as const;

export const NOUNS = [
  'cache', 'migration', 'deploy', 'pipeline', 'index', 'query', 'test suite', 'code review', 'release',
  'design system', 'side project', 'garden', 'notebook', 'deadline', 'habit', 'library', 'framework',
  'database', 'API', 'team', 'meeting', 'outage', 'prototype', 'interview', 'keyboard', 'commute',
  'refactor', 'monorepo', 'feature flag', 'bug', 'spreadsheet', 'workflow', 'style guide', 'roadmap',
  'bicycle', 'sourdough', 'playlist', 'reading list', 'home server', 'to-do list', 'changelog',
] as const;

export const PLURAL_NOUNS = [
  'caches', 'migrations', 'deploys', 'indexes', 'queries', 'tests', 'releases', 'side projects',
  'habits', 'libraries', 'databases', 'APIs', 'teams', 'meetings', 'outages', 'prototypes', 'bugs',
  'workflows', 'notes', 'errors', 'dependencies', 'edge cases', 'defaults', 'tools', 'checklists',
] as const;

export const VERBS = [
  'rebuilt', 'replaced', 'simplified', 'rewrote', 'measured', 'deleted', 'shipped', 'debugged',
  'documented', 'automated', 'tamed', 'untangled', 'migrated', 'profiled', 'scaled', 'tested',
] as const;

export const GERUNDS = [
  'writing', 'shipping', 'debugging', 'teaching', 'reviewing', 'measuring', 'deleting', 'naming',
  'testing', 'refactoring', 'hiring', 'learning', 'maintaining', 'estimating', 'documenting',
] as const;

export const AUDIENCES = [
  'beginners', 'busy teams', 'small teams', 'the rest of us', 'people who hate meetings',
  'future you', 'weekend builders', 'new managers', 'tired developers', 'curious readers',
] as const;

export const TITLE_PATTERNS = [
  'How we {verb} our {noun} in a week',
  'The {adjective} {noun}',
  'Why your {noun} is {adjective}',
  '{number} lessons from {gerund} {pluralNoun}',
  'A {adjective} guide to {topic} for {audience}',
  'What I learned {gerund} {pluralNoun} with {topic}',
  'Notes on {topic}: the {adjective} parts',
  'Stop {gerund} {pluralNoun} the {adjective} way',
  '{topic} in practice: {number} {adjective} {pluralNoun}',
  'The case for {adjective} {pluralNoun}',
  'I {verb} my {noun} and you can too',
  'On {gerund}, {topic} and {adjective} {pluralNoun}',
  'Everything I know about {topic}',
  '{topic} without the hype',
  'When {pluralNoun} get {adjective}',
] as const;

export const DESCRIPTION_PATTERNS = [
  'A {adjective} look at {topic}, with the {pluralNoun} that worked and the ones that did not.',
  'What happened when our team {verb} the {noun}, and what we would do differently.',
  'Short notes on {gerund} {pluralNoun}, written for {audience}.',
  'The {adjective} details behind {topic}, explained with examples.',
  'Field notes: {number} {pluralNoun}, one {noun}, and a lot of {topic}.',
  'Why {topic} matters more than you think, and how to start small.',
  'A practical walkthrough of {topic} for {audience}.',
] as const;

/** Sentences for article bodies; {placeholders} are filled like titles. */
export const SENTENCES = [
  'It started, as these things do, with a {adjective} {noun} that nobody wanted to touch.',
  'We measured before changing anything, which turned out to be the most useful decision of the week.',
  'The first version was {adjective}, but it worked, and working beats elegant on a Friday.',
  'Most of the time went into understanding the {noun}, not into writing code.',
  'If you only remember one thing, remember that {pluralNoun} are cheaper to prevent than to fix.',
  'Nobody on the team had {gerund} experience, so we read, asked, and tried things in small steps.',
  'The numbers told a different story than our intuition did.',
  'A {adjective} {noun} is still better than a clever one that only one person understands.',
  'We wrote the checklist down, and the checklist did the remembering for us.',
  'Every shortcut we took came back later, usually at the worst possible moment.',
  'The hard part was not {topic} itself but agreeing on what done meant.',
  'After a month the {noun} was boring again, which is exactly what we wanted.',
  'There is a {adjective} pleasure in deleting code that nobody needs any more.',
  'Reading the documentation twice saved us from a week of guessing.',
  'We kept a log of every surprise, and the log became this article.',
  'Small, reversible changes let us ship on Tuesdays without holding our breath.',
  'It is tempting to blame the tools, but the {pluralNoun} were ours.',
  'The review caught two real problems and one {adjective} naming debate.',
  'Once the feedback loop was under a minute, everything else got easier.',
  'I would not call it a success yet, but it is no longer a worry.',
  'The people who run it at three in the morning deserve the simplest design we can manage.',
  'We learned more from the failed experiment than from the one that worked.',
  'Defaults matter: most people never change them, including us.',
  'Writing it down forced us to notice the parts we did not understand.',
  'None of this is new, and that is the point.',
] as const;

export const HEADINGS = [
  'Where we started', 'The problem', 'What we tried first', 'Measuring it', 'The fix', 'What changed',
  'Trade-offs', 'What I would do differently', 'A checklist', 'Further reading', 'The boring details',
  'Results', 'Open questions', 'Why it matters', 'Getting started',
] as const;

export const QUOTES = [
  'Make it work, make it right, make it fast.',
  'Premature optimization is the root of all evil.',
  'Simple things should be simple, complex things should be possible.',
  'The best code is no code at all.',
  'Weeks of coding can save you hours of planning.',
  'Measure twice, cut once.',
] as const;

export const CODE_SNIPPETS = [
  {
    language: 'ts',
    code: "export function chunk<T>(items: T[], size: number): T[][] {\n  const out: T[][] = [];\n  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));\n  return out;\n}",
  },
  {
    language: 'sql',
    code: 'select a.slug, a.title\n  from articles a\n where a.created_at > now() - interval \'7 days\'\n order by a.created_at desc\n limit 20;',
  },
  {
    language: 'bash',
    code: 'git log --oneline --since="2 weeks ago" | wc -l\nnpm run build && npm test',
  },
  {
    language: 'python',
    code: 'def median(values):\n    ordered = sorted(values)\n    middle = len(ordered) // 2\n    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2',
  },
  {
    language: 'css',
    code: '.card {\n  display: grid;\n  gap: 1rem;\n  padding: clamp(1rem, 3vw, 2rem);\n}',
  },
  {
    language: 'go',
    code: 'func retry(attempts int, fn func() error) (err error) {\n\tfor i := 0; i < attempts; i++ {\n\t\tif err = fn(); err == nil {\n\t\t\treturn nil\n\t\t}\n\t}\n\treturn err\n}',
  },
  {
    language: 'rust',
    code: 'fn word_count(text: &str) -> usize {\n    text.split_whitespace().count()\n}',
  },
] as const;

export const BIO_PATTERNS = [
  'Writes about {topic} and {topic2}. Mostly harmless.',
  '{Topic} at a small company. Opinions my own, mistakes too.',
  'Learning {topic} in public. Previously: {pluralNoun}.',
  'I build {pluralNoun} and occasionally fix them.',
  'Slow reader, fast typist. Into {topic}, {topic2} and good coffee.',
  'Maintainer of a few {adjective} {pluralNoun}. Based somewhere with bad weather.',
  'Engineer, teacher, recovering perfectionist. Notes on {topic}.',
  '',
] as const;

export const COMMENTS = [
  'Thanks for writing this up, the part about {topic} was exactly what I needed.',
  'We hit the same problem last year. Measuring first made all the difference for us too.',
  'Great article! Did you consider a {adjective} approach for the {noun}?',
  'I disagree a little: in our case the {noun} was not the bottleneck, the {noun2} was.',
  'Bookmarked. The checklist alone is worth it.',
  'Could you share more about how you tested this?',
  'This is the most {adjective} explanation of {topic} I have read so far.',
  'Small typo in the second section, otherwise spot on.',
  'How long did the whole migration take in the end?',
  'Nice. We did something similar with {pluralNoun} and never looked back.',
  '+1 to keeping things boring.',
  'Would love a follow-up on the trade-offs.',
] as const;
