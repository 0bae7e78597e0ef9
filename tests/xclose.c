/*
 * xclose.c - asks an X window to close the way a window manager does when
 * the user clicks its close button: a WM_DELETE_WINDOW client message.
 * (xdotool's windowclose destroys the window from outside instead, which no
 * user can do.) Usage: xclose WINDOW_ID. For the end-to-end tests.
 */
#include <X11/Xlib.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: xclose WINDOW_ID\n");
        return 2;
    }
    Display *d = XOpenDisplay(NULL);
    if (!d) {
        fprintf(stderr, "xclose: cannot open the display\n");
        return 1;
    }
    Window w = (Window)strtoul(argv[1], NULL, 0);
    XEvent ev = { 0 };
    ev.xclient.type = ClientMessage;
    ev.xclient.window = w;
    ev.xclient.message_type = XInternAtom(d, "WM_PROTOCOLS", False);
    ev.xclient.format = 32;
    ev.xclient.data.l[0] = (long)XInternAtom(d, "WM_DELETE_WINDOW", False);
    ev.xclient.data.l[1] = CurrentTime;
    int ok = XSendEvent(d, w, False, NoEventMask, &ev) != 0;
    XFlush(d);
    XCloseDisplay(d);
    return ok ? 0 : 1;
}
