"""Commands, what an editor types -> builds and files: the command line `build`, `check`, `serve` and
`new` (`cli`), the live preview that rebuilds on every save (`serve`), and the skeleton of a new
release (`scaffold`); they run `pipeline` and print its problems, and hold no stage logic of their
own.
"""
