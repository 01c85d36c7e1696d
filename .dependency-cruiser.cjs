// The rooms of src/, in the order data flows: a room imports only the rooms before it.
// `npm test` runs this check (`npm run deps`); an import circle or an arrow back up fails it.
const ROOMS = [
  ["i18n"], // every string people read: the readers' interface, the command line's messages (French, English)
  ["text", "files"], // plain values: markdown, typography, dates, slugs, escaped HTML; file-system safety
  ["threads"], // start worker threads, within one budget of cores
  ["urls"], // every URL of the site
  ["content"], // read and validate the archive
  ["images"], // check photo files, encode their derivatives once, into the cache
  ["archive"], // derive days, months, topics, pagination
  ["search"], // what pages tell the indexer, and the indexer
  ["plan"], // one planned view per page
  ["outputs"], // feeds, sitemaps, robots, redirects, page metadata
  ["pages"], // write pages (Eleventy, or directly) through the templates
  ["publish"], // build a site: stage, write, check, swap
  ["wire"], // import raw wire copy
  ["serve"], // the preview server
  ["cli"], // the commands
];

const later = (i) => ROOMS.slice(i + 1).flat();
const upward = ROOMS.flatMap((rooms, i) =>
  later(i).length === 0
    ? []
    : [
        {
          name: `no-upward-from-${rooms.join("-")}`,
          comment: `${rooms.join(", ")} may not import ${later(i).join(", ")}: they come later in the flow`,
          severity: "error",
          from: { path: `^src/(${rooms.join("|")})/` },
          to: { path: `^src/(${later(i).join("|")})/` },
        },
      ],
);
// Rooms of one rank (text, files) stand side by side: neither imports the other.
const sideways = ROOMS.filter((rooms) => rooms.length > 1).flatMap((rooms) =>
  rooms.map((room) => ({
    name: `no-sideways-from-${room}`,
    severity: "error",
    from: { path: `^src/${room}/` },
    to: { path: `^src/(${rooms.filter((r) => r !== room).join("|")})/` },
  })),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: "no-circular", comment: "an import circle", severity: "error", from: {}, to: { circular: true } },
    { name: "src-not-from-tests", severity: "error", from: { path: "^(src|templates)/" }, to: { path: "^(tests|bench)/" } },
    ...upward,
    ...sideways,
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
    tsPreCompilationDeps: true,
    parser: "swc",
    moduleSystems: ["es6"],
  },
};
