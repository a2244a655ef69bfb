import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // Pack content is data: nothing may ever be evaluated as code.
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='require']", message: 'no dynamic require: use static ESM imports' },
        { selector: "ImportExpression[source.type!='Literal']", message: 'no import of a computed path: lazy imports name their module literally' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // The layers of DESIGN.md: util -> policy -> engine -> the rest -> cli. A lower layer never imports a higher one.
  layer('src/util/**', ['policy', 'engine', 'config', 'evidence', 'report', 'format', 'routes', 'build', 'cli', 'interview']),
  layer('src/policy/**', ['engine', 'config', 'evidence', 'report', 'format', 'routes', 'build', 'cli', 'interview']),
  layer('src/engine/**', ['config', 'evidence', 'report', 'format', 'routes', 'build', 'cli', 'interview']),
  layer('src/{config,evidence,report,format,routes}/**', ['cli', 'build']),
);

function layer(files, higher) {
  const patterns = higher.map((name) => ({ group: [`**/${name}/*`, `**/${name}/**`], message: `a lower layer must not import src/${name} (DESIGN.md, Layered)` }));
  return { files: [files], rules: { 'no-restricted-imports': ['error', { patterns }] } };
}
