# xvfb.sh - sourced by the scripts and tests that drive a window.
# xvfb_start BASE WxHxD: starts a private Xvfb on the first free display
# from BASE (spread by the shell's pid, so parallel runs do not collide),
# waits for its socket, exports DISPLAY and sets $xvfb to its pid (the
# caller kills it).
# (Two scripts can pick the same free display at the same moment: the
# second Xvfb then exits at once, "server is already active", and the next
# free one is tried; up to 20.)
xvfb_start() {
    n=$(($1 + $$ % 40))
    for try in $(seq 20); do
        while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
        Xvfb ":$n" -screen 0 "$2" -nolisten tcp >/dev/null 2>&1 &
        xvfb=$!
        for i in $(seq 50); do
            { [ -e "/tmp/.X11-unix/X$n" ] || ! kill -0 "$xvfb" 2>/dev/null; } && break
            sleep 0.1
        done
        kill -0 "$xvfb" 2>/dev/null && break
        wait "$xvfb" 2>/dev/null
        n=$((n + 1))
    done
    export DISPLAY=":$n"
}
