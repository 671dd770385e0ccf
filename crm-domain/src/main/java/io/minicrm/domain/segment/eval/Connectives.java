package io.minicrm.domain.segment.eval;

import io.minicrm.domain.customer.Customer;

/**
 * {@code and}, {@code or}, {@code not} and constants. Two- and three-way connectives have a class each, so
 * every child sits at a call site of its own (one receiver type, inlined); wider ones loop over an array.
 */
final class Connectives {
    private Connectives() {
    }

    static Node and(Node[] n) {
        return switch (n.length) {
            case 2 -> new And2(n[0], n[1]);
            case 3 -> new And3(n[0], n[1], n[2]);
            default -> new AndN(n);
        };
    }

    static Node or(Node[] n) {
        return switch (n.length) {
            case 2 -> new Or2(n[0], n[1]);
            case 3 -> new Or3(n[0], n[1], n[2]);
            default -> new OrN(n);
        };
    }

    static final class And2 extends Node {
        private final Node a;
        private final Node b;

        And2(Node a, Node b) {
            this.a = a;
            this.b = b;
        }

        @Override
        boolean test(Customer c, long now) {
            return a.test(c, now) && b.test(c, now);
        }
    }

    static final class And3 extends Node {
        private final Node a;
        private final Node b;
        private final Node d;

        And3(Node a, Node b, Node d) {
            this.a = a;
            this.b = b;
            this.d = d;
        }

        @Override
        boolean test(Customer c, long now) {
            return a.test(c, now) && b.test(c, now) && d.test(c, now);
        }
    }

    static final class AndN extends Node {
        private final Node[] nodes;

        AndN(Node[] nodes) {
            this.nodes = nodes;
        }

        @Override
        boolean test(Customer c, long now) {
            for (Node n : nodes) {
                if (!n.test(c, now)) {
                    return false;
                }
            }
            return true;
        }
    }

    static final class Or2 extends Node {
        private final Node a;
        private final Node b;

        Or2(Node a, Node b) {
            this.a = a;
            this.b = b;
        }

        @Override
        boolean test(Customer c, long now) {
            return a.test(c, now) || b.test(c, now);
        }
    }

    static final class Or3 extends Node {
        private final Node a;
        private final Node b;
        private final Node d;

        Or3(Node a, Node b, Node d) {
            this.a = a;
            this.b = b;
            this.d = d;
        }

        @Override
        boolean test(Customer c, long now) {
            return a.test(c, now) || b.test(c, now) || d.test(c, now);
        }
    }

    static final class OrN extends Node {
        private final Node[] nodes;

        OrN(Node[] nodes) {
            this.nodes = nodes;
        }

        @Override
        boolean test(Customer c, long now) {
            for (Node n : nodes) {
                if (n.test(c, now)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class Not extends Node {
        private final Node a;

        Not(Node a) {
            this.a = a;
        }

        @Override
        boolean test(Customer c, long now) {
            return !a.test(c, now);
        }

        @Override
        Node negate() {
            return a;
        }
    }

    /** Always true or always false (e.g. {@code exists} on a field every customer has). */
    static final class Const extends Node {
        static final Const TRUE = new Const(true);
        static final Const FALSE = new Const(false);
        private final boolean value;

        private Const(boolean value) {
            this.value = value;
        }

        @Override
        boolean test(Customer c, long now) {
            return value;
        }

        @Override
        Node negate() {
            return value ? FALSE : TRUE;
        }
    }
}
