#!/usr/bin/env node
// The `ecs-sim` command. The code is built into dist/ by `npm install` (the prepare script).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
