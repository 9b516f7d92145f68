# A hand-written rulebase in the style of RuleTaker's "electricity": a circuit that works when every part does.
battery(b1). wire(w1). bulb(l1).
connects(w1, b1). connects(w1, l1).
working(b1). working(w1).
battery(X), working(X) -> charged(X).
wire(W), connects(W, B), charged(B), working(W) -> live(W).
bulb(L), connects(W, L), live(W) -> lit(L).
