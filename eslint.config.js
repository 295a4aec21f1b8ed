// Lint rules, including the dependency direction of DESIGN.md (## Layout): each subsystem
// may import only the subsystems listed for it, there are no import cycles, and the pure
// expression language uses no Node built-ins.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";

/** Subsystems under src/ and what each may import besides itself. */
const allowedImports = {
  core: [],
  expressions: ["core"],
  store: ["core"],
  storage: ["core"],
  batch: ["core", "api", "store", "storage"],
  factory: ["core", "expressions", "store", "storage", "batch"],
  // Triggers keep durable fire records (one fire per trigger and time) in the store.
  scheduler: ["core", "expressions", "factory", "store"],
  api: ["core"],
  server: ["core", "api", "batch", "factory", "scheduler"],
  client: ["core", "api"],
  // Agents fetch resource files and upload output files straight from/to storage, as Batch's do.
  agent: ["core", "client", "storage"],
  // The CLI talks to servers through the client; it also evaluates expressions and validates
  // factories locally (`sluice eval`, `sluice validate`) and starts the composition root
  // (`sluice server`, `sluice up`).
  cli: ["core", "client", "expressions", "factory", "app"],
  // sluice/testing: a small composition root that runs pipelines in-process for users' tests.
  testing: ["core", "store", "factory"],
};
const subsystems = [...Object.keys(allowedImports), "app"];

const zones = Object.entries(allowedImports).map(([target, allowed]) => ({
  target: `./src/${target}`,
  from: "./src",
  except: [`./${target}`, ...allowed.map((name) => `./${name}`), "./index.ts"].filter(
    (path) => path !== "./index.ts",
  ),
  message: `src/${target} may import only: ${[target, ...allowed].join(", ")} (see DESIGN.md, Layout).`,
}));

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "web/dist/", "test-output/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver": { typescript: { project: "./tsconfig.json" } },
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
      "import-x/extensions": [".ts", ".js"],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-restricted-paths": ["error", { zones }],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-empty": ["error", { allowEmptyCatch: false }],
    },
  },
  {
    // The example factory's task scripts: plain CommonJS run by Node on a node.
    files: ["examples/**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        console: "readonly",
        process: "readonly",
        fetch: "readonly",
        URL: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["src/expressions/**/*.ts", "src/core/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: { "import-x/no-nodejs-modules": "error" },
  },
  {
    // A subsystem's insides are reached only through its index.ts.
    files: ["src/**/*.ts"],
    ignores: ["src/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: subsystems.map((name) => ({
            regex: `^\\.\\./(?:\\.\\./)*${name}/(?!index\\.js$).+`,
            message: `Import src/${name} through its index.js, its only public face.`,
          })),
        },
      ],
    },
  },
);
