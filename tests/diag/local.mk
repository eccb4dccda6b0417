## Tests of the bounce parser and the diagnosis (issue 4).
