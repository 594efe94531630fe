// Build step: the HTML report's page script and style (src/report/html/assets) and the chart
// library it inlines (Apache ECharts' echarts.min.js, with its licence) go next to the built
// module, so the package ships them and needs no chart library at run time.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'src', 'report', 'html', 'assets');
const to = join(root, 'dist', 'report', 'html', 'assets');
mkdirSync(join(to, 'vendor'), { recursive: true });
for (const name of readdirSync(from)) copyFileSync(join(from, name), join(to, name));
const require = createRequire(import.meta.url);
const echarts = require.resolve('echarts/dist/echarts.min.js');
copyFileSync(echarts, join(to, 'vendor', 'echarts.min.js'));
copyFileSync(join(dirname(echarts), '..', 'LICENSE'), join(to, 'vendor', 'ECHARTS-LICENSE'));
