#!/usr/bin/env python3
"""Monte Carlo of issue 24's three window statistics on the sandbox's reference-price process alone.

How often can an 8-minute window (96 five-second returns) meet all of: excess kurtosis > 3, mean |r|
autocorrelation at lags 1-5 > 0.1, |lag-1 autocorrelation| < 0.15, when volatility clusters? The process is the
one ReferencePrice implements (log volatility Ornstein-Uhlenbeck, Student-t steps) plus Pareto-sized jumps that
may lift the volatility (news). With the defaults' shape it reproduces the seeded engine's pass rates (about 0.41
meeting every goal), so the book adds little and the window decides (benchmarks/README.md, "Sandbox market").

Needs numpy. Each argument is one parameter set:
  vol_of_vol,half_life_s,jumps_per_min,jump_size_sigma,jump_tail_alpha,jump_vol_boost,student_t_dof,steps_per_5s
e.g.  python3 benchmarks/sandbox-window-mc.py 1.2,25,0.3,1.0,2.5,0.5,4,20 0.9,60,0.5,1.5,2.5,0,4,10
Environment: N=96 returns per window (8 minutes; 360 is 30 minutes), P=4000 windows.
"""
import numpy as np, itertools, os, sys
rng=np.random.default_rng(1)
N=int(os.environ.get("N","96")); P=int(os.environ.get("P","4000"))
def stats(r):
    # r: P x N
    m=r.mean(1,keepdims=True); d=r-m; v=(d**2).mean(1)
    kurt=(d**4).mean(1)/v**2-3
    rho1=(d[:,1:]*d[:,:-1]).sum(1)/(d**2).sum(1)
    a=np.abs(r); am=a-a.mean(1,keepdims=True); av=(am**2).sum(1)
    ac=np.mean([(am[:,k:]*am[:,:-k]).sum(1)/av for k in range(1,6)],axis=0)
    return kurt,rho1,ac
def sim(s,h,lam,k,alpha,boost,dof,sub=50):
    # vol OU on log at sub-steps of 5s/sub
    dt=5.0/sub; dec=np.exp(-np.log(2)/h*dt)
    T=N*sub
    x=np.zeros((P,)); x=rng.normal(0,s,P)
    r=np.zeros((P,N))
    for t in range(T):
        x=x*dec+s*np.sqrt(1-dec*dec)*rng.normal(size=P)
        sig=np.exp(x-s*s)
        z=rng.standard_t(dof,size=P)/np.sqrt(dof/(dof-2))
        step=sig*np.sqrt(dt)*z
        # jumps
        J=rng.random(P)<lam*dt/60.0
        if J.any():
            size=k*np.sqrt(5.0)*(rng.pareto(alpha,size=P)+1)*np.sign(rng.normal(size=P))
            step=step+np.where(J,size,0.0)
            x=np.where(J,np.minimum(x+boost,3*s),x)
        r[:,t//sub]+=step
    return stats(r)
def report(name,args):
    kurt,rho1,ac=sim(*args)
    pk=(kurt>3).mean(); pr=(np.abs(rho1)<0.15).mean(); pa=(ac>0.1).mean(); allp=((kurt>3)&(np.abs(rho1)<0.15)&(ac>0.1)).mean()
    print(f"{name:40s} kurt>3 {pk:.2f} lag1 {pr:.2f} |r|ac {pa:.2f} all {allp:.2f}  med kurt {np.median(kurt):.2f} ac {np.median(ac):.3f}",flush=True)
for a in sys.argv[1:]:
    args=tuple(float(x) for x in a.split(','))
    args=args[:6]+(args[6],)+(int(args[7]),) if len(args)>7 else args
    report(a,args)
