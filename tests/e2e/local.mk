## End-to-end tests of the browser in tmux (issue 3).
