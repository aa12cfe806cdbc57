// The project's folder, whether the code runs from source (src/) or from the build (dist/src/):
// data files (locales, the web page, the catalogue, migrations, generated clients) are found from here.
import fs from 'node:fs';
import path from 'node:path';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'locales'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`the project folder (package.json and locales/) was not found above ${from}`);
  }
}

export const projectRoot = findRoot(__dirname);
