#!/usr/bin/env node
// Accepts any package manager (see package.json): ending without an error is all it has to do.
