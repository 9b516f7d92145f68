# A small theory in proofloom's DSL, used by `proofloom demo` and the tests.
big(bob).
~kind(charlie).
quiet(charlie).
chases(cat, dog).
r1: quiet(X), cold(X) -> smart(X).
r2: big(X) -> cold(X).
r3: big(X) -> quiet(X).
r4: chases(X, dog), ~smart(X) -> big(dog).
