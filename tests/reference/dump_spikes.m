% dump_spikes.m -- write one run's spikes as CSV (header t_ms,neuron, sorted by time then neuron).
% octave-cli --no-gui dump_spikes.m <paper|euler> <seed> <T_ms> <sigma_e> <sigma_i> <outfile>
args = argv();
if strcmp(args{1}, 'paper')
  [t, idx] = net_paper(str2double(args{2}), str2double(args{3}), str2double(args{4}), str2double(args{5}));
else
  [t, idx] = net_euler(str2double(args{2}), str2double(args{3}), str2double(args{4}), str2double(args{5}));
end
f = fopen(args{6}, 'w'); fprintf(f, 't_ms,neuron\n'); fprintf(f, '%d,%d\n', [t idx]'); fclose(f);
s = stats(t, idx, str2double(args{3}));
printf('n_spikes=%d rate_e=%.4f rate_i=%.4f alpha_hz=%d gamma_hz=%d alpha_prom=%.3f gamma_prom=%.3f\n', ...
       numel(t), s.rate_e, s.rate_i, s.alpha_hz, s.gamma_hz, s.alpha_prom, s.gamma_prom);
