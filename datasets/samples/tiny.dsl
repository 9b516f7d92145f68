# A small theory in proofloom's DSL, used by `proofloom demo` and the tests.
# Under owa furry(dog) is Unknown (nothing says the cat is not smart); under cwa it is True.
big(bob).
quiet(charlie).
chases(cat, dog).
r1: quiet(X), cold(X) -> smart(X).
r2: big(X) -> cold(X).
r3: big(X) -> quiet(X).
r4: chases(X, dog), ~smart(X) -> furry(dog).
r5: smart(X) -> kind(X).
