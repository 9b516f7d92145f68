# A hand-written rulebase in the style of RuleTaker's "birds": defaults written as explicit exceptions.
bird(tweety).
penguin(opus).
bird(X), ~abnormal(X) -> flies(X).
penguin(X) -> bird(X).
penguin(X) -> abnormal(X).
broken_wing(X) -> abnormal(X).
