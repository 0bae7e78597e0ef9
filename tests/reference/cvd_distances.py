"""cvd_distances.py -- the colour-blind check of test_plot.c computed a second time, in Python:
CIELAB (D65) distances (CIE76) between the excitatory, inhibitory and background colours of
the window themes (and the black-on-white export), with normal vision and as simulated by
Machado, Oliveira & Fernandes (2009), severity 1.0, on linear sRGB.
The colours are copied from src/plot.c by hand.  usage: /usr/bin/python3 cvd_distances.py
"""
M={'normal':[[1,0,0],[0,1,0],[0,0,1]],
'protan':[[0.152286,1.052583,-0.204868],[0.114503,0.786281,0.099216],[-0.003882,-0.048116,1.051998]],
'deutan':[[0.367322,0.860646,-0.227968],[0.280085,0.672501,0.047413],[-0.011820,0.042940,0.968881]],
'tritan':[[1.255528,-0.076749,-0.178779],[-0.078411,0.930809,0.147602],[0.004733,0.691367,0.303900]]}
def lin(c):
    c/=255; return c/12.92 if c<=0.04045 else ((c+0.055)/1.055)**2.4
def lab(rgb,k):
    l=[lin(c) for c in rgb]; m=M[k]
    l=[min(1,max(0,sum(m[i][j]*l[j] for j in range(3)))) for i in range(3)]
    X=0.4124564*l[0]+0.3575761*l[1]+0.1804375*l[2]
    Y=0.2126729*l[0]+0.7151522*l[1]+0.0721750*l[2]
    Z=0.0193339*l[0]+0.1191920*l[1]+0.9503041*l[2]
    def f(t): return t**(1/3) if t>216/24389 else (24389/27*t+16)/116
    fx,fy,fz=f(X/0.95047),f(Y/1.0),f(Z/1.08883)
    return (116*fy-16,500*(fx-fy),200*(fy-fz))
def de(a,b,k):
    A=lab(a,k);B=lab(b,k); return sum((A[i]-B[i])**2 for i in range(3))**0.5
themes={'dark':dict(bg=(0x10,0x14,0x18),exc=(0x5c,0xc8,0xff),inh=(0xff,0x8c,0x42)),
'paper':dict(bg=(255,255,255),exc=(0,0x72,0xb2),inh=(0xd5,0x5e,0)),
'paperbw':dict(bg=(255,255,255),exc=(0,0,0),inh=(0,0,0))}
for t,c in themes.items():
    for k in M:
        print(t,k,'E-I %.1f'%de(c['exc'],c['inh'],k),'E-bg %.1f'%de(c['exc'],c['bg'],k),'I-bg %.1f'%de(c['inh'],c['bg'],k))
