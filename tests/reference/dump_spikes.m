% dump_spikes.m -- write one run's spikes as CSV (header t_ms,neuron, sorted by time then neuron)
% and print its measures (stats.m).
% octave-cli --no-gui dump_spikes.m <paper|euler> <seed> <T_ms> <sigma_e> <sigma_i> <outfile>
args = argv();
T = str2double(args{3});
if strcmp(args{1}, 'paper')
  [t, idx] = net_paper(str2double(args{2}), T, str2double(args{4}), str2double(args{5}));
else
  [t, idx] = net_euler(str2double(args{2}), T, str2double(args{4}), str2double(args{5}));
end
f = fopen(args{6}, 'w'); fprintf(f, 't_ms,neuron\n'); fprintf(f, '%d,%d\n', [t idx]'); fclose(f);
s = stats(t, idx, T, 1000);
printf('n_spikes=%d rate_e=%.4f rate_i=%.4f mean_rate=%.4f segments=%d F=%.6g q=%.6f\n', ...
       numel(t), s.rate_e, s.rate_i, s.mean_rate, s.segments, s.F, s.q);
for b = 1:5
  e = s.band(b);
  if e.found
    printf('  %-6s %.3f Hz, strength %.3f%%  (bin %d, S/F %.2f, S/B %.2f)\n', e.name, e.freq_hz, ...
           100 * e.strength, e.bin, e.over_floor, e.over_base);
  else
    printf('  %-6s no clear peak\n', e.name);
  end
end
