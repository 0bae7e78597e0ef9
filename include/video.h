/*
 * video.h - videos of the window's layout (izhiscope-gfx only: FFmpeg's
 * libavcodec, libavformat, libswscale; the lean izhiscope hands --video
 * over, gfx_none.c).
 *
 * A video is drawn from the simulation, not from a screen: frame k shows
 * simulated time video_instant(k) = floor(k x speed_ms / fps) ms, drawn by
 * the window's own code on an offscreen surface (window.h's seam), so it
 * does not depend on the machine's load. The file is written as a
 * temporary beside its name and placed whole (outfile.h), or not at all.
 *
 * Formats by the name's ending: .mp4 H.264 (libx264 when this libavcodec
 * has it), .webm VP9 (libvpx-vp9), .mkv FFV1 (lossless: every decoded frame
 * is the drawn one, bit for bit), .png one frame (the last instant). The
 * container's metadata holds the keys given (the PNG saves' set) and
 * video_encoder, the encoder used.
 */
#ifndef IZHI_VIDEO_H
#define IZHI_VIDEO_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"
#include "net.h"
#include "outfile.h"

/* Simulated ms of frame k: floor(k * speed_ms / fps), in whole numbers. */
int64_t video_instant(int64_t k, int speed_ms, int fps);

/* ---- the encoder ---- */
typedef struct Video Video;
/* Opens path (cli_video_format's ending) as a temporary, the encoder, and
 * writes the container's header with the metadata keys[i] = values[i].
 * NULL with a message naming the file. */
Video *video_open(const char *path, int force, int width, int height, int fps, const char *const *keys,
                  const char *const *values, int n, char *err, size_t errlen);
/* The same into f, already opened (savename.h), taken over. */
Video *video_open_file(OutFile *f, int width, int height, int fps, const char *const *keys, const char *const *values,
                       int n, char *err, size_t errlen);
/* Encodes the next frame: width x height R, G, B, A bytes, pitch bytes a row. */
int video_add(Video *v, const uint8_t *rgba, int pitch, char *err, size_t errlen);
/* Ends the stream (the encoder's last frames, the trailer); then the file
 * is ready to be placed: video_file() with outfile_commit(_all). */
int video_finish(Video *v, char *err, size_t errlen);
OutFile *video_file(Video *v);
/* "libx264 (H.264)", "libvpx-vp9 (VP9)", "ffv1 (FFV1, lossless)", "PNG". */
const char *video_encoder(const Video *v);
int64_t video_frames(const Video *v);
/* Frees it; a file not placed is removed. NULL is a no-op. */
void video_close(Video *v);

#endif
