## Bounce parser and diagnosis engine (issue 4).
