/*
 * test_neuroncard.c - a neuron's card (neuroncard.h) against docs/model.md:
 * the parameters by the formula worked by hand for chosen r, and for a real
 * network's neurons against the network's own (net_neuron_params: net.c
 * draws and computes them on its own path); the Fig. 2 type for r at, near
 * and between the types; the rate and ISI CV of spikes placed by hand.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "hist.h"
#include "net.h"
#include "neuroncard.h"

/* docs/model.md "Network", by hand:
 * E r = 0.5: a 0.02, b 0.2, c = -65 + 15 * 0.25 = -61.25, d = 8 - 6 * 0.25 = 6.5
 * E r^2 = 2/3: c = -65 + 10 = -55, d = 8 - 4 = 4 (IB's, Fig. 2)
 * I r = 0.5: a = 0.02 + 0.04 = 0.06, b = 0.25 - 0.025 = 0.225, c -65, d 2
 * I r = 0: 0.02, 0.25, -65, 2 (LTS's); r -> 1: 0.1, 0.2, -65, 2 (FS's) */
static void test_params_by_hand(void **state)
{
    (void)state;
    float p[4];
    neuroncard_params(1, 0.5f, p);
    assert_float_equal(p[0], 0.02, 1e-7);
    assert_float_equal(p[1], 0.2, 1e-7);
    assert_float_equal(p[2], -61.25, 1e-5);
    assert_float_equal(p[3], 6.5, 1e-6);
    neuroncard_params(1, (float)sqrt(2.0 / 3.0), p);
    assert_float_equal(p[2], -55.0, 1e-4);
    assert_float_equal(p[3], 4.0, 1e-5);
    neuroncard_params(0, 0.5f, p);
    assert_float_equal(p[0], 0.06, 1e-7);
    assert_float_equal(p[1], 0.225, 1e-7);
    assert_float_equal(p[2], -65.0, 0);
    assert_float_equal(p[3], 2.0, 0);
    neuroncard_params(0, 0.0f, p);
    assert_float_equal(p[0], 0.02, 1e-7);
    assert_float_equal(p[1], 0.25, 1e-7);
    neuroncard_params(0, 1.0f, p);
    assert_float_equal(p[0], 0.1, 1e-7);
    assert_float_equal(p[1], 0.2, 1e-7);
}

/* The card's r and parameters are the network's: Fig. 3's network (seed
 * 2003), neurons across both classes, the first and the last. */
static void test_params_of_network(void **state)
{
    (void)state;
    NetParams np;
    net_params_default(&np);
    np.seed = 2003;
    Net *net = net_create(&np);
    assert_non_null(net);
    const int ids[] = { 0, 1, 123, 799, 800, 801, 950, 999 };
    for (size_t k = 0; k < sizeof ids / sizeof *ids; k++) {
        float want[4];
        net_neuron_params(net, ids[k], want);
        NeuronCard c;
        Hist *h = hist_create(1000, 100);
        assert_non_null(h);
        neuroncard_make(&c, ids[k], net_ne(net), 1, 2003, h, 0, 100);
        hist_destroy(h);
        assert_int_equal(c.excitatory, ids[k] < 800);
        assert_true(c.r >= 0.0f && c.r < 1.0f);
        /* bit for bit: the same float arithmetic on the same r */
        assert_true(c.a == want[0] && c.b == want[1] && c.c == want[2] && c.d == want[3]);
        /* and r solves the formula for the network's parameters */
        if (c.excitatory) assert_float_equal(want[2], -65.0 + 15.0 * (double)c.r * c.r, 1e-4);
        else assert_float_equal(want[0], 0.02 + 0.08 * (double)c.r, 1e-6);
    }
    net_destroy(net);
}

static void type_is(int exc, float r, const char *want)
{
    char got[64];
    neuroncard_type(exc, r, got, sizeof got);
    assert_string_equal(got, want);
}

/* Within NEURONCARD_NEAR (0.05) of a type's r: its name; else between. */
static void test_type(void **state)
{
    (void)state;
    type_is(1, 0.0f, "regular spiking (RS)");
    type_is(1, 0.04f, "regular spiking (RS)");
    type_is(1, 0.31f, "between RS and IB");
    type_is(1, 0.8165f, "intrinsically bursting (IB)");
    type_is(1, 0.77f, "intrinsically bursting (IB)");
    type_is(1, 0.9f, "between IB and CH");
    type_is(1, 0.96f, "chattering (CH)");
    type_is(0, 0.01f, "low-threshold spiking (LTS)");
    type_is(0, 0.31f, "between LTS and FS");
    type_is(0, 0.99f, "fast spiking (FS)");
}

/* Spikes of neuron 7 at 100, 110, 130 ms and 2000 ms, a span [0, 1000):
 * 3 spikes in 1 s: 3 Hz; ISIs 10, 20: mean 15, sd (1/n) 5, CV 1/3. Two
 * spikes: no CV. A span reaching before the history: the part kept. */
static void test_activity(void **state)
{
    (void)state;
    Hist *h = hist_create(16, 3000);
    assert_non_null(h);
    for (int64_t t = 0; t < 3000; t++) {
        int32_t sp[2] = { 7, 3 };
        const int on = t == 100 || t == 110 || t == 130 || t == 2000;
        hist_push(h, t, sp, on ? 2 : 0, -65.0f);
    }
    NeuronCard c;
    neuroncard_make(&c, 7, 12, 0, 1, h, 0, 1000);
    assert_int_equal(c.spikes, 3);
    assert_float_equal(c.rate_hz, 3.0, 1e-12);
    assert_float_equal(c.cv, 1.0 / 3.0, 1e-12);
    assert_int_equal(c.excitatory, 1);
    neuroncard_make(&c, 7, 12, 0, 1, h, 105, 2500);     /* 110, 130, 2000: ISIs 20, 1870 */
    assert_int_equal(c.spikes, 3);
    assert_float_equal(c.rate_hz, 3 * 1000.0 / 2395, 1e-12);
    assert_float_equal(c.cv, (1850.0 / 2) / (1890.0 / 2), 1e-12);   /* sd = |a - b| / 2, mean (a + b) / 2 */
    neuroncard_make(&c, 7, 5, 0, 1, h, 120, 2500);      /* 130, 2000: no CV */
    assert_int_equal(c.spikes, 2);
    assert_true(isnan(c.cv));
    assert_int_equal(c.excitatory, 0);
    neuroncard_make(&c, 7, 12, 0, 1, h, -500, 200);     /* before 0: from 0 */
    assert_int_equal(c.from_ms, 0);
    assert_float_equal(c.rate_hz, 15.0, 1e-12);
    char text[256];
    neuroncard_text(&c, text, sizeof text);
    assert_non_null(strstr(text, "15.0 Hz (3 spikes), ISI CV 0.33 over the 0.2 s shown"));
    hist_destroy(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_params_by_hand),
        cmocka_unit_test(test_params_of_network),
        cmocka_unit_test(test_type),
        cmocka_unit_test(test_activity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
